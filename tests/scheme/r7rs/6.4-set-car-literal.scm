; set-car! on a mutable pair works; the result of set-car! is unspecified,
; so only the effect is checked.
(define p (cons 1 2))
(set-car! p 10)
(set-cdr! p '(20))
(write p) (newline)
(set-car! 5 1)

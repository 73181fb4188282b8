; Variables iterated by one ellipsis must have matched equally many forms.
(define-syntax zip (syntax-rules () ((_ (a ...) (b ...)) (quote ((a b) ...)))))
(display (zip (1 2) (3 4)))
(newline)
(display (zip (1 2) (3)))

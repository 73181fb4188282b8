; A continuation captured in one top-level form and called from a later one
; finishes its own form, then the program goes on after the calling form
; (as Chez Scheme and Chicken do: the rest of the program is read on).
(define k #f)
(define n 0)
(display (list 'got (call/cc (lambda (c) (set! k c) 0))))
(newline)
(set! n (+ n 1))
(if (< n 3) (k n))
(display "end")
(newline)

; A macro that expands into itself forever is an error, not a hang or crash.
(define-syntax forever (syntax-rules () ((_ x) (+ 1 (forever x)))))
(display "start")
(newline)
(define (f) (forever 1))

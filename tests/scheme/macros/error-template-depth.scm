; A pattern variable used with fewer ellipses than it was matched with.
(define-syntax flat (syntax-rules () ((_ (a ...) ...) (list a ...))))
(display "unreached")

; Literal constants are immutable (R7RS 3.4): modifying one is an error
; with the same message from every mutator.
(define v (vector 1 2))
(vector-set! v 0 'ok)
(write v) (newline)
(vector-set! '#(1 2) 0 3)

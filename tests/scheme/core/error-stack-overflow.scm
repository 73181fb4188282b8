; Unbounded recursion raises an error instead of crashing.
(define (forever n) (+ 1 (forever (+ n 1))))
(forever 0)

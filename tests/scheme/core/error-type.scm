; A type error in a nested call: message, irritant and a backtrace.
(define (first-of x) (car x))
(define (second-level y) (+ 1 (first-of y)))
(display "before") (newline)
(second-level 5)
(display "not reached")

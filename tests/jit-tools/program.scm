; A program for tests/run-jit-tool-tests: a named function, a closure and a
; loop, with output that does not depend on the JIT.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (make-adder k) (lambda (x) (+ x k)))
(display ((make-adder 1) (fib 20))) (newline)

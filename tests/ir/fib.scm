; Inline fixnum ops for builtins, a global call, and tail position.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

; A program for tests/run-jit-tool-tests' profile check: most of its
; instructions are in fib's machine code.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(display (fib 30)) (newline)

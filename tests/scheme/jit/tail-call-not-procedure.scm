;; A tail call from machine code whose callee is not a procedure reports
;; the VM's error at the tail call's location, with the frame that called
;; the function in the backtrace, after calls of a compiled callee and of
;; one on the VM went through the same call site.
(define (tail-to f x) (f x))
(jit-compile! tail-to)
(define (outer f) (list (tail-to f 1)))
(jit-compile! outer)
(define (vm-side x) (* x 3))
(jit-forbid! vm-side)
(write (list (outer (lambda (x) (+ x 1))) (outer vm-side))) (newline)
(outer 'not-a-procedure)

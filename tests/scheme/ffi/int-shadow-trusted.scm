;; Int32 shadows passed with no check at the call (src/jit/shadow_trust.h):
;; in these loops each C int argument comes from a lean call's shadow, so
;; the test that the Scheme value is an int32 fixnum is made where a value
;; comes from anywhere else -- the loop's entry, a call's generic path, an
;; OSR entry -- and the first value beyond int32 found there sends every
;; trusting call of the function to its generic path, for good. Each line
;; is the same on the VM and in machine code: with a check missing, the C
;; function would get the low 32 bits of the value instead of the VM's
;; range error.
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(define (show label x) (display label) (display ": ") (write x) (newline))
(define (stat name) (cdr (assq name (jit-stats))))
(define (both f . args)
  (let ((vm (apply run-on-tier 'vm f args)) (jit (apply run-on-tier 'jit f args)))
    (if (equal? vm jit) vm (list 'differ vm jit))))
(define (message e)
  (if (error-object? e) (cons (error-object-message e) (error-object-irritants e)) e))
(define (catching thunk)
  (guard (x (#t (list 'error (message x)))) (thunk)))
;; `both` where the calls may raise: each tier's error caught on its own.
(define (try-both f . args)
  (let ((vm (catching (lambda () (apply run-on-tier 'vm f args))))
        (jit (catching (lambda () (apply run-on-tier 'jit f args)))))
    (if (equal? vm jit) vm (list 'differ vm jit))))

(define c-abs (foreign-procedure "abs" '(int) 'int))
(define c-neg (foreign-procedure "abs" '(int) 'int))

;; The loop's first value is the argument: made into a shadow by `sar`.
(define (entry x n)
  (let loop ((x x) (i 0))
    (if (= i n) x (loop (c-abs x) (+ i 1)))))
(define trusted-before (stat 'ffi-shadow-trusted))
(define jit? (jit-compile! entry))
(show "trusted" (if jit? (> (stat 'ffi-shadow-trusted) trusted-before) #t))
(show "entry, int" (both entry -5 3))
(define invalidations-before (stat 'invalidations))
(show "entry, beyond int32" (try-both entry 3000000000 3))
(show "entry, beyond int32, patched" (if jit? (> (stat 'invalidations) invalidations-before) #t))
(show "entry, bignum" (try-both entry (expt 10 30) 3))
(show "entry, flonum" (try-both entry 2.5 3))
(show "entry, int again" (both entry -7 3))

;; Two calls in a chain: the first one's global redefined as a Scheme
;; procedure returning a value beyond int32; its generic path's result goes
;; unchecked to the second call, whose watch is intact.
(define f c-abs)
(define (chain x n)
  (let loop ((x x) (i 0))
    (if (= i n) x (loop (c-neg (f x)) (+ i 1)))))
(when jit? (jit-compile! chain))
(show "chain" (both chain -5 3))
(set! f (lambda (x) (+ x 4000000000)))
(show "chain, f beyond int32" (try-both chain -5 3))
(set! f (lambda (x) (- x 1)))
(show "chain, f a Scheme procedure" (both chain -5 3))

;; A loop entered from the VM in the middle (OSR, in tiered mode) with a
;; value beyond int32 carried to a call made near the end.
(define (osr x n)
  (let loop ((x x) (i 0))
    (cond ((= i n) x)
          ((< i (- n 2)) (loop x (+ i 1)))
          (else (loop (c-abs x) (+ i 1))))))
(show "osr, beyond int32" (catching (lambda () (osr 3000000000 1000))))
(show "osr, int" (osr -9 1000))
(show "osr, int again" (osr -9 1000))

;; A compiled loop passing a C int result to the next call untagged
;; (src/jit/int_shadow.h) whose callee is redefined mid-loop to a Scheme
;; procedure returning a flonum, then back: the foreign call's error, at
;; the call's location, as in the VM.
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(define c-abs (foreign-procedure "abs" '(int) 'int))
(define f c-abs)
(define (run x n)
  (let loop ((x x) (i 0))
    (cond ((= i n) x)
          (else
           (cond ((= i 3) (set! f (lambda (x) (/ x 2.))))
                 ((= i 5) (set! f c-abs)))
           (loop (f x) (+ i 1))))))
(jit-compile! run)
(write (run -12 3))
(newline)
(run -12 10)

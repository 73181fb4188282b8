;; A loop carrying a C int result to the next call as an untagged int32
;; shadow (src/jit/int_shadow.h), whose callee global is redefined in the
;; middle of the loop: to a Scheme procedure returning a bignum, a flonum,
;; a string or a fixnum, to a foreign procedure of another result type,
;; and back to the first one (which then gets whatever the loop carries:
;; the VM's result or error). Each line is the same on the VM and in
;; machine code.
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(define (show label x) (display label) (display ": ") (write x) (newline))
(define (both f . args)
  (let ((vm (apply run-on-tier 'vm f args)) (jit (apply run-on-tier 'jit f args)))
    (if (equal? vm jit) vm (list 'differ vm jit))))
(define (message e)
  (if (error-object? e) (cons (error-object-message e) (error-object-irritants e)) e))

(define c-abs (foreign-procedure "abs" '(int) 'int))
(define labs (foreign-procedure "labs" '(long) 'long))
(define htonl (foreign-procedure "htonl" '(uint32) 'uint32))

(define f c-abs)
(define replacement #f)
;; f from iteration `at` on, and c-abs again from iteration `back` on.
(define (run x n at back)
  (set! f c-abs)
  (let loop ((x x) (i 0))
    (cond ((= i n) x)
          (else
           (cond ((= i at) (set! f replacement))
                 ((= i back) (set! f c-abs)))
           (loop (f x) (+ i 1))))))
;; Compiled while f holds c-abs: a direct call, watching f.
(define (stat name) (cdr (assq name (jit-stats))))
(define jit? (jit-compile! run))
(show "shadow passed" (if jit? (> (stat 'ffi-shadow-args) 0) #t))
(define (with proc x n at back)
  (set! replacement proc)
  (guard (e (#t (list 'error (message e)))) (both run x n at back)))

(define (bignum x) (* (- x 1) 100000000000000000000))
(define (flonum x) (+ x 0.5))
(define (text x) (if (string? x) (string-append x "!") (number->string x)))
(define (down x) (- x 3))
(show "bignum" (with bignum -5 6 2 100))
(show "bignum, then abs" (with bignum -5 6 2 4))
(show "flonum" (with flonum -5 6 2 100))
(show "flonum, then abs" (with flonum -5 6 2 4))
(show "string" (with text -5 6 2 100))
(show "string, then abs" (with text -5 6 2 4))
(show "fixnum" (with down -5 8 2 100))
(show "fixnum, then abs" (with down -5 8 2 5))
(show "fixnum beyond int32, then abs" (with (lambda (x) (+ x 2147483647)) 5 8 2 3))
(show "labs" (with labs -5 6 2 100))
(show "htonl, then abs" (with htonl 1 6 2 3))
(show "htonl 2^31, then abs" (with htonl 128 6 2 3))
(show "at the first iteration" (with bignum -5 3 0 100))
(show "at the last iteration" (with text -5 3 2 100))

;; Int32 shadows (src/jit/int_shadow.h) and callbacks: the first
;; foreign-callback made in the middle of a loop whose lean calls pass C
;; results untagged (the sites are patched to their full sequence, and the
;; loop goes on in the same activation); then results of every narrow
;; integer type, made by Scheme callbacks, at their edges, passed on to
;; int32 and uint32 arguments (in range or not). Each line is the same on
;; the VM and in machine code.
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(define (show label x) (display label) (display ": ") (write x) (newline))
(define (stat name) (cdr (assq name (jit-stats))))
(define (both f . args)
  (let ((vm (apply run-on-tier 'vm f args)) (jit (apply run-on-tier 'jit f args)))
    (if (equal? vm jit) vm (list 'differ vm jit))))
;; An error's message (without the "#<foreign 0x...>: " naming a procedure
;; bound by address) and irritants.
(define (message e)
  (define (unaddressed msg)
    (if (and (> (string-length msg) 2) (string=? (substring msg 0 2) "#<"))
        (let loop ((i 0))
          (if (char=? (string-ref msg i) #\>) (substring msg (+ i 3) (string-length msg)) (loop (+ i 1))))
        msg))
  (if (error-object? e) (cons (unaddressed (error-object-message e)) (error-object-irritants e)) e))
(define (probe) 1)
(define jit? (jit-compile! probe))

(define c-abs (foreign-procedure "abs" '(int) 'int))
(define htonl (foreign-procedure "htonl" '(uint32) 'uint32))

;; The first callback, made by a procedure the loop calls at iteration 500.
(define made #f)
(define (hook i)
  (when (and (= i 500) (not made))
    (set! made (foreign-callback (lambda (x) (- x)) '(int) 'int))))
(define (run n)
  (let loop ((x -3) (i 0))
    (cond ((= i n) (list x i))
          (else
           (when (= 0 (modulo i 100)) (hook i))
           (loop (htonl (htonl (c-abs x))) (+ i 1))))))
(jit-compile! run)
(define invalidations (stat 'invalidations))
(show "loop" (run 1000))
(show "callback made in the loop" (procedure? (foreign-procedure made '(int) 'int)))
(show "lean sites patched" (if jit? (> (stat 'invalidations) invalidations) #t))
(show "again" (both run 1000))

;; Identity functions of each type, in C's hands: a Scheme callback.
(define (identity type)
  (foreign-procedure (foreign-callback (lambda (x) x) (list type) type) (list type) type))
(define id-int8 (identity 'int8))
(define id-uint8 (identity 'uint8))
(define id-int16 (identity 'int16))
(define id-uint16 (identity 'uint16))
(define id-int32 (identity 'int32))
(define id-uint32 (identity 'uint32))
(define negate (foreign-procedure made '(int) 'int))

;; x = to-int32(narrow(x)), and x = to-uint32(narrow(x)): a narrow result's
;; shadow passed to an int32 or uint32 argument.
(define (chain-int32 narrow x n)
  (let loop ((x x) (i 0))
    (if (< i n) (loop (id-int32 (narrow x)) (+ i 1)) x)))
(define (chain-uint32 narrow x n)
  (let loop ((x x) (i 0))
    (if (< i n) (loop (id-uint32 (narrow x)) (+ i 1)) x)))
(define (try f . args) (guard (e (#t (list 'error (message e)))) (apply both f args)))
(show "int8" (map (lambda (x) (try chain-int32 id-int8 x 3)) '(-128 -1 0 127)))
(show "uint8" (map (lambda (x) (try chain-int32 id-uint8 x 3)) '(0 255)))
(show "int16" (map (lambda (x) (try chain-int32 id-int16 x 3)) '(-32768 32767)))
(show "uint16" (map (lambda (x) (try chain-int32 id-uint16 x 3)) '(0 65535)))
(show "int32" (map (lambda (x) (try chain-int32 id-int32 x 3)) '(-2147483648 -1 2147483647)))
(show "uint32 to int32" (map (lambda (x) (try chain-int32 id-uint32 x 3)) '(0 2147483647 2147483648 4294967295)))
(show "int8 to uint32" (map (lambda (x) (try chain-uint32 id-int8 x 3)) '(5 -5)))
(show "int32 to uint32" (map (lambda (x) (try chain-uint32 id-int32 x 3)) '(2147483647 -2147483648)))
(show "uint32" (map (lambda (x) (try chain-uint32 id-uint32 x 3)) '(0 4294967295)))
;; A callback of the loop's own callee: -x every iteration.
(define (alternate x n)
  (let loop ((x x) (i 0))
    (if (< i n) (loop (negate x) (+ i 1)) x)))
(show "negate" (map (lambda (n) (try alternate -2147483647 n)) '(0 1 2 3)))
(show "negate INT32_MIN" (try alternate -2147483648 2))

;; Loops of direct foreign calls (src/jit/emit_ffi.cpp) whose callee or
;; arguments change while the loop runs: a global redefined inside the loop,
;; a callback that raises on some iterations (the loop goes on after each
;; error), out-of-range arguments on some iterations, and arguments that
;; live in frame slots (across a Scheme call) rather than registers. Each
;; line is the same on the VM and in machine code (both tiers).
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(load-shared-object "libm.so.6")
(define (show label x) (display label) (display " ") (write x) (newline))
(define (both f . args)
  (let ((vm (apply run-on-tier 'vm f args)) (jit (apply run-on-tier 'jit f args)))
    (if (equal? vm jit) vm (list 'differ vm jit))))

(define c-abs (foreign-procedure "abs" '(int) 'int))
(define c-labs (foreign-procedure "labs" '(long) 'long))
(define (identity type)
  (foreign-procedure (foreign-callback (lambda (x) x) (list type) type) (list type) type))
(define id-int8 (identity 'int8))
(define id-uint16 (identity 'uint16))

;; The callee global is redefined inside the loop: to another foreign
;; procedure, to a Scheme procedure, and back.
(define f c-abs)
(define (redefining n)
  (let loop ((i 0) (acc '()))
    (cond ((= i n) (reverse acc))
          (else
           (cond ((= i 3) (set! f c-labs))
                 ((= i 5) (set! f (lambda (x) (* 100 x))))
                 ((= i 7) (set! f c-abs)))
           (loop (+ i 1) (cons (f (- i)) acc))))))
(show "redefined in the loop" (both (lambda (n) (set! f c-abs) (redefining n)) 10))

;; A callback raising on every third iteration: each error is raised by its
;; call and caught, and the following calls run normally.
(define flaky
  (foreign-procedure
   (foreign-callback (lambda (x) (if (= 0 (modulo x 3)) (raise (list 'flaky x)) (* 2 x))) '(int) 'int)
   '(int) 'int))
(define (with-failures n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        (reverse acc)
        (loop (+ i 1) (cons (guard (e ((pair? e) e)) (flaky i)) acc)))))
(show "callback raising" (both with-failures 8))

;; Out-of-range or wrongly typed arguments on some iterations.
;; An error's message (without the "#<foreign 0x...>: " naming a procedure
;; bound by address) and irritants.
(define (message e)
  (define (unaddressed msg)
    (let loop ((i 0))
      (cond ((>= i (string-length msg)) msg)
            ((char=? (string-ref msg i) #\>) (substring msg (+ i 3) (string-length msg)))
            (else (loop (+ i 1))))))
  (if (error-object? e) (cons (unaddressed (error-object-message e)) (error-object-irritants e)) e))
(define (ranges xs)
  (map (lambda (x) (guard (e (#t (message e))) (id-int8 x))) xs))
(show "int8 arguments" (both ranges '(-128 127 128 -129 5 1.0 #f 4611686018427387903 -4611686018427387904)))
(define (ranges16 xs)
  (map (lambda (x) (guard (e (#t (message e))) (id-uint16 x))) xs))
(show "uint16 arguments" (both ranges16 (list 0 65535 65536 -1 (expt 2 64) 7)))

;; Arguments kept in frame slots: their values live across a Scheme call.
(define (g) #t)
(define (from-slots x)
  (let ((a (- x)) (b (+ x 1)) (c (* x -3)))
    (g)
    (list (c-abs a) (id-int8 b) (c-labs c) (guard (e (#t (message e))) (id-int8 c)) a b c)))
(show "slots" (list (both from-slots 7) (both from-slots 40)))
(define (slot-type x)
  (let ((a (if (> x 0) 'sym x)))
    (g)
    (guard (e (#t (message e))) (c-abs a))))
(show "slot type" (list (both slot-type 1) (both slot-type -4)))

;; The plusone loop of bench/programs/plusone.scm, with abs standing in.
(define (count-up n)
  (let loop ((x 0))
    (if (< x n) (loop (+ 1 (c-abs x))) x)))
(show "count" (both count-up 100000))

;; Fixnum division by a constant power of two is shifts and masks in machine
;; code (jit/emit_intrinsics.cpp), zero?/even?/odd? are fused into the
;; branch that uses them, and (* 3 n) / (+ 1 n) take the constant first as
;; an immediate. Each on the edge values of the fast path and on everything
;; the primitive or generic routine must take (other numbers, errors with
;; their argument positions), compared with the VM by the harness.
(define (repeat k thunk) (if (= k 1) (thunk) (begin (thunk) (repeat (- k 1) thunk))))
(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (thunk)))
(define top (- (expt 2 62) 1))
(define bottom (- (expt 2 62)))

(define (by-powers x)
  (list (quotient x 2) (remainder x 2) (modulo x 2)
        (quotient x 8) (remainder x 8) (modulo x 8)
        (quotient x 1073741824) (remainder x 1073741824) (modulo x 1073741824)))
(for-each (lambda (x) (write (repeat 120 (lambda () (by-powers x)))) (newline))
          (list 0 1 -1 2 -2 7 -7 8 -8 9 -9 15 -15 16 -16 17 -17
                1073741823 -1073741823 1073741824 -1073741824 -1073741825 top bottom
                (expt 2 62) (- -1 (expt 2 62)) (expt 10 30) (- (expt 10 30)) 7. -9.))
(write (message (lambda () (by-powers 'a)))) (newline)
(write (message (lambda () (by-powers 1/2)))) (newline)
;; Divisors that are not powers of two (or too large, or negative) take idiv.
(define (others x) (list (quotient x 6) (modulo x -4) (remainder x -8) (quotient x 2147483648)))
(for-each (lambda (x) (write (repeat 120 (lambda () (others x)))) (newline))
          (list 0 13 -13 top bottom))

(define (tests x)
  (list (if (zero? x) 'zero 'nonzero) (if (even? x) 'even 'odd) (if (odd? x) 'odd 'even)))
(for-each (lambda (x) (write (repeat 120 (lambda () (tests x)))) (newline))
          (list 0 1 -1 2 -2 top bottom (expt 2 70) (+ 1 (expt 2 70)) 0. -0. 4. 3.))
(write (message (lambda () (tests 'x)))) (newline)
(write (message (lambda () (tests 1.5)))) (newline)

(define (constant-first x) (list (* 3 x) (+ 1 x) (* -2 x) (+ -7 x)))
(for-each (lambda (x) (write (repeat 120 (lambda () (constant-first x)))) (newline))
          (list 0 5 -5 top bottom (quotient top 3) (+ 1 (quotient top 3)) 2.5 1/3))
(write (message (lambda () (constant-first 'y)))) (newline)
(write (message (lambda () (* 3 "s")))) (newline)

;; Collatz: the loop these serve.
(define (collatz n)
  (let loop ((n n) (steps 0))
    (cond ((= n 1) steps)
          ((even? n) (loop (quotient n 2) (+ steps 1)))
          (else (loop (+ (* 3 n) 1) (+ steps 1))))))
(write (let loop ((i 1) (total 0)) (if (> i 3000) total (loop (+ i 1) (+ total (collatz i)))))) (newline)

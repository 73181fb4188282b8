;; The generic (untyped) arithmetic and compares in machine code: fixnums
;; inline; flonums and fixnum/flonum mixes on an out-of-line path that
;; calls nothing unless it allocates; exact mixed compares beyond 2^53, NaN,
;; and the errors.
(define (t a b)
  (list (+ a b) (- a b) (* a b) (< a b) (<= a b) (> a b) (>= a b) (= a b)
        (if (< a b) 'lt 'nlt) (if (= a b) 'eq 'neq) (if (>= a b) 'ge 'nge)))
(for-each (lambda (p) (write (t (car p) (cdr p))) (newline))
  (list (cons 1.5 2.25) (cons 3 0.5) (cons 0.5 3) (cons +nan.0 1.0) (cons 1.0 +nan.0) (cons 2.0 2) (cons (expt 2 60) (exact->inexact (expt 2 60)))
        (cons (+ 1 (expt 2 60)) (exact->inexact (expt 2 60))) (cons -0.0 0) (cons 1/2 0.5) (cons +inf.0 -inf.0) (cons 4611686018427387903 1.0)))
(write (guard (e (#t (list (error-object-message e) (error-object-irritants e)))) (+ 'a 1.5)))
(write (guard (e (#t (list (error-object-message e) (error-object-irritants e)))) (< 1.5 'a)))
;; A constant operand beside an operand of unknown type: the slow path
;; converts the constant itself, exactly for the compares (2^53 + 1 is no
;; double), and overflow of two fixnums still reaches the generic routine.
(define (k a)
  (list (+ a 1) (- a 2) (* 3 a) (< a 2) (< 2 a) (= a 9007199254740993) (< a 9007199254740993)
        (if (< a 9007199254740993) 'lt 'nlt) (if (= 1 a) 'one 'other)))
(for-each (lambda (a) (write (k a)) (newline))
  (list 1.5 1 1.0 -0.0 +nan.0 9007199254740992.0 4611686018427387903 (expt 2 70) 1/3))
(write (guard (e (#t (list (error-object-message e) (error-object-irritants e)))) (k "x")))
(newline)

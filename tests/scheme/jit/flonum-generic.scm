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

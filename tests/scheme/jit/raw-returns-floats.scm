;; Raw returns (jit/raw_returns.h) of -0.0, NaN and infinities: the caller
;; goes on with the double, which eqv?, =, division and printing must see
;; as the VM sees the flonum.
(define (f x k)
  (if (<= k 0) (* x -0.)
      (let ((r (f (+ x 1.) (- k 1))))
        (if (pair? r) r
            (list (eqv? r 0.) (eqv? r -0.) (equal? r 0.) (= r 0.) (eq? r r) (eqv? r r)
                  (/ 1. r) (zero? r) (negative? r) (max r -0.) (exact (round (+ r 0.5))))))))
(define (g x k)
  (if (<= k 0) (/ (- x x) (- x x))
      (let ((r (g (+ x 1.) (- k 1))))
        (if (pair? r) r
            (list (eqv? r r) (= r r) (eqv? r (/ 0. 0.)) (< r 1.) (> r 1.) (not (= r 1.))
                  (number->string r) r)))))
(define (h x k)
  (if (<= k 0) (* x 1e308)
      (let ((r (h (+ x 1.) (- k 1))))
        (if (pair? r) r (list (* r 10.) (- (* r 10.)) (eqv? (* r 10.) (/ 1. 0.)))))))
(define (m x k)
  (if (<= k 0) (* (- x 1.) -1.)
      (let ((r (m (- x 1.) (- k 1))))
        (cond ((eqv? r -0.) 'negative-zero) ((eqv? r 0.) 'zero) (else r)))))
(let loop ((i 0)) (when (< i 300) (f 1. 2) (g 1. 2) (h 1. 2) (m 1. 1) (loop (+ i 1))))
(display (f 1. 2)) (newline)
(display (f -3. 2)) (newline)
(display (g 1. 2)) (newline)
(display (h 1. 2)) (newline)
(display (list (m 2. 1) (m 1. 1) (m 3. 2) (m 3. 1))) (newline)

;; A raw self call (raw_self_calls.cpp) stages its arguments as doubles;
;; when the callee global is reassigned, or the stack is full, the doubles
;; are boxed in place, and a collection in that boxing must see every
;; staged argument: the fresh list here lives only in its staged copy.
;; Under the .env's KILN_GC_STRESS it was freed: (102.0 102.0 5050).
(import (scheme base) (scheme write))
(define (g n x y lst)
  (if (= n 0)
      (list x y (apply + lst))
      (begin
        (if (= n 50) (let ((old g)) (set! g (lambda (n x y l) (old n x y l)))))
        (let ((r (g (- n 1) (- x 1.) (+ y 1.) (cons n lst))))
          (cons n r)))))
(define g0 g)
;; (20 rounds make g hot: 11 calls each. Every allocation collects under
;; the .env's stress, and an ASan build without the JIT once took 264 s of
;; the 300 allowed with 200 rounds here and 5 below.)
(let warm ((r 0)) (when (< r 20) (g 10 1. 2. '()) (warm (+ r 1))))
(let loop ((r 0))
  (when (< r 2)
    (set! g g0)
    (write (cdr (list-tail (g 100 1. 2. '()) 99))) (newline)
    (loop (+ r 1))))

;; Raw doubles in xmm registers (jit/codegen.h kXmmPool): many live at
;; once, kept across C calls made by slow paths and primitives, moved
;; between registers at loop back edges (including swaps, which are
;; cycles), spilled when more are live than there are registers, and
;; entered by OSR with loop parameters in registers.

;; Sixteen accumulators live through a loop: more than the pool holds.
(define (sixteen n)
  (let loop ((i 0)
             (a 0.) (b 1.) (c 2.) (d 3.) (e 4.) (f 5.) (g 6.) (h 7.)
             (j 8.) (k 9.) (l 10.) (m 11.) (o 12.) (p 13.) (q 14.) (r 15.))
    (if (= i n)
        (list a b c d e f g h j k l m o p q r)
        (loop (+ i 1)
              (+ a 0.5) (* b 1.0) (- c 0.25) (+ d e) (* e 1.) (+ f 1.) (- g 1.) (+ h 0.125)
              (+ j k) (- k 0.5) (* l 1.) (+ m 2.) (- o 2.) (+ p q) (* q 1.) (+ r 0.5)))))
(display (sixteen 100)) (newline)

;; A swap at each back edge: the parallel move has cycles among xmm registers.
(define (rotate n)
  (let loop ((i 0) (x 1.5) (y 2.5) (z 3.5))
    (if (= i n)
        (list x y z)
        (loop (+ i 1) (+ y 0.) (+ z 0.) (+ x 1.)))))
(display (rotate 1000)) (newline)
(define (swap n)
  (let loop ((i 0) (x 1.5) (y 2.5) (z 0.))
    (if (= i n)
        (list x y z)
        (loop (+ i 1) y x (+ z x)))))
(display (swap 1001)) (newline)

;; Doubles live across C calls: sqrt, sin and exact->inexact of a bignum
;; are primitives, the generic + of a rational a helper, a boxed result an
;; allocation whose slow path collects under KILN_GC_STRESS.
(define (across-calls n)
  (let loop ((i 0) (s 0.) (t 1.) (u 2.) (boxes '()))
    (if (= i n)
        (list s t u (length boxes) (car boxes))
        (let* ((a (* t 1.5))
               (b (sqrt u))
               (c (sin 0.))
               (d (exact->inexact (expt 2 70)))
               (e (+ a 1/2))
               (f (* b 2.)))
          (loop (+ i 1) (+ s a b c (/ d d) e f) (+ t 0.) (+ u 1.) (cons (+ s 0.) boxes))))))
(display (across-calls 200)) (newline)

;; Element reads that fail their flonum speculation (a fixnum in the
;; vector) while other doubles are live in registers.
(define v (make-vector 100 1.5))
(vector-set! v 50 3)
(define (sum-scaled vec scale)
  (let loop ((i 0) (acc 0.) (sq 0.))
    (if (= i (vector-length vec))
        (list acc sq)
        (let ((x (* scale (vector-ref vec i))))
          (loop (+ i 1) (+ acc x) (+ sq (* x x)))))))
(display (sum-scaled v 2.)) (newline)

;; A long loop: tiered mode enters it by OSR with its doubles live.
(define (long-loop n)
  (let loop ((i 0) (x 0.) (y 1.))
    (if (= i n)
        (list x y)
        (loop (+ i 1) (+ x y) (* y 1.)))))
(display (long-loop 300000)) (newline)

;; A non-flonum showing up mid-loop takes the generic path with the
;; others live.
(define (mixed lst)
  (let loop ((l lst) (acc 0.) (prod 1.))
    (if (null? l)
        (list acc prod)
        (loop (cdr l) (+ acc (car l)) (* prod 1.)))))
(display (mixed (list 1. 2. 3 4.5 1/2 6.))) (newline)

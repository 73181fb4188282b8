;;; fft: iterative radix-2 complex FFT on flonum vectors, forward then
;;; inverse, repeated; checks the round trip reproduces the input.
;;; quick: 8 2 => 128160
;;; default: 16 20 => 32735720
(define pi 3.141592653589793)

;; In-place FFT of re/im vectors of length n (a power of two); sign is -1.
;; for the forward transform and 1. for the inverse (unscaled).
(define (fft! re im n sign)
  ;; bit-reversal permutation
  (let loop ((i 0) (j 0))
    (when (< i n)
      (when (< i j)
        (let ((tr (vector-ref re i)) (ti (vector-ref im i)))
          (vector-set! re i (vector-ref re j)) (vector-set! im i (vector-ref im j))
          (vector-set! re j tr) (vector-set! im j ti)))
      (let bit ((m (quotient n 2)) (j j))
        (if (and (>= m 1) (>= j m))
            (bit (quotient m 2) (- j m))
            (loop (+ i 1) (+ j m))))))
  ;; butterflies
  (let stage ((len 2))
    (when (<= len n)
      (let* ((half (quotient len 2))
             (theta (/ (* sign 2. pi) (inexact len))))
        (do ((k 0 (+ k 1))) ((= k half))
          (let ((wr (cos (* theta (inexact k)))) (wi (sin (* theta (inexact k)))))
            (do ((s k (+ s len))) ((>= s n))
              (let* ((t (+ s half))
                     (xr (vector-ref re t)) (xi (vector-ref im t))
                     (tr (- (* wr xr) (* wi xi)))
                     (ti (+ (* wr xi) (* wi xr)))
                     (ur (vector-ref re s)) (ui (vector-ref im s)))
                (vector-set! re s (+ ur tr)) (vector-set! im s (+ ui ti))
                (vector-set! re t (- ur tr)) (vector-set! im t (- ui ti)))))))
      (stage (* len 2)))))

(define (run log2n reps)
  (let* ((n (expt 2 log2n))
         (re (make-vector n 0.)) (im (make-vector n 0.))
         (orig (make-vector n 0.)))
    (do ((i 0 (+ i 1))) ((= i n))
      (let ((v (inexact (remainder (* i 7919) 1000))))
        (vector-set! re i v) (vector-set! orig i v)))
    (let loop ((r 0) (peak 0))
      (if (= r reps)
          ;; round trip must reproduce the input to 1e-6; report the
          ;; spectrum peak magnitude seen in the forward transform
          (let check ((i 0))
            (cond ((= i n) peak)
                  ((> (abs (- (vector-ref re i) (vector-ref orig i))) 1e-6) 'fft-roundtrip-failed)
                  (else (check (+ i 1)))))
          (begin
            (fft! re im n -1.)
            (let ((p (exact (round (abs (vector-ref re 0))))))
              (fft! re im n 1.)
              (do ((i 0 (+ i 1))) ((= i n))
                (vector-set! re i (/ (vector-ref re i) (inexact n)))
                (vector-set! im i (/ (vector-ref im i) (inexact n))))
              (loop (+ r 1) p)))))))

(bench-result (run (bench-arg 0 16) (bench-arg 1 20)))

;;; matrix: n x n flonum matrix multiply with vectors of vectors, repeated;
;;; nested loops, vector-ref chains, flonum multiply-add.
;;; quick: 20 2 => -928
;;; default: 200 10 => -480020
(define (make-matrix n f)
  (let ((m (make-vector n)))
    (do ((i 0 (+ i 1))) ((= i n) m)
      (let ((row (make-vector n 0.)))
        (do ((j 0 (+ j 1))) ((= j n)) (vector-set! row j (f i j)))
        (vector-set! m i row)))))

(define (matmul a b n)
  (let ((c (make-matrix n (lambda (i j) 0.))))
    (do ((i 0 (+ i 1))) ((= i n) c)
      (let ((ai (vector-ref a i)) (ci (vector-ref c i)))
        (do ((j 0 (+ j 1))) ((= j n))
          (let loop ((k 0) (sum 0.))
            (if (= k n)
                (vector-set! ci j sum)
                (loop (+ k 1)
                      (+ sum (* (vector-ref ai k)
                                (vector-ref (vector-ref b k) j)))))))))))

(define (matrix-trace m n)
  (let loop ((i 0) (s 0.))
    (if (= i n) s (loop (+ i 1) (+ s (vector-ref (vector-ref m i) i))))))

;; Entries are small integers, so sums are exact in flonums.
(define (run n reps)
  (let ((a (make-matrix n (lambda (i j) (inexact (remainder (+ i (* 2 j)) 7)))))
        (b (make-matrix n (lambda (i j) (inexact (- (remainder (* i j) 5) 2))))))
    (let loop ((r 0) (t 0.))
      (if (= r reps)
          (exact t)
          (loop (+ r 1) (+ t (matrix-trace (matmul a b n) n)))))))

(bench-result (run (bench-arg 0 200) (bench-arg 1 10)))

;;; sieve: sieve of Eratosthenes on a vector of 0/1 flags, repeated;
;;; vector-ref/vector-set! in fixnum loops. (Flags are fixnums, not
;;; booleans: CHICKEN 5.3's -O3 type specialisation miscompiles the
;;; boolean version.)
;;; quick: 10000 2 => 1229
;;; default: 1000000 80 => 78498
(define (count-primes n)
  (let ((v (make-vector (+ n 1) 1)))
    (let loop ((i 2) (count 0))
      (if (> i n)
          count
          (if (eq? (vector-ref v i) 1)
              (begin
                (do ((j (* i i) (+ j i))) ((> j n)) (vector-set! v j 0))
                (loop (+ i 1) (+ count 1)))
              (loop (+ i 1) count))))))

(define (run n reps)
  (let loop ((i 0) (r 0))
    (if (= i reps) r (loop (+ i 1) (count-primes n)))))

(bench-result (run (bench-arg 0 1000000) (bench-arg 1 80)))

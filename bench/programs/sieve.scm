;;; sieve: sieve of Eratosthenes on a vector of booleans, repeated;
;;; vector-ref/vector-set! in fixnum loops.
(define (count-primes n)
  (let ((v (make-vector (+ n 1) #t)))
    (let loop ((i 2) (count 0))
      (if (> i n)
          count
          (if (vector-ref v i)
              (begin
                (do ((j (* i i) (+ j i))) ((> j n)) (vector-set! v j #f))
                (loop (+ i 1) (+ count 1)))
              (loop (+ i 1) count))))))

(define (run n reps)
  (let loop ((i 0) (r 0))
    (if (= i reps) r (loop (+ i 1) (count-primes n)))))

(bench-result (run (bench-arg 0 1000000) (bench-arg 1 80)))

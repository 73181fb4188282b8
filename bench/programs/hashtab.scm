;;; hashtab: hash table inserts, lookups, updates and misses with fixnum
;;; and string keys.
;;; quick: 1000 2 => 72452
;;; default: 200000 15 => 2882721939
(define (run n reps)
  (let loop ((r 0) (result 0))
    (if (= r reps)
        result
        (let ((t (make-table)) (st (make-table)))
          ;; fixnum keys
          (do ((i 0 (+ i 1))) ((= i n))
            (table-set! t (* i 7) i))
          (do ((i 0 (+ i 1))) ((= i n))
            (table-update! t (* (modulo (* i 13) n) 7) (lambda (v) (+ v 1)) 0))
          ;; string keys, built from the numbers
          (do ((i 0 (+ i 1))) ((= i (quotient n 4)))
            (table-set! st (number->string i 16) i))
          (let count ((i 0) (hits 0) (sum 0))
            (if (= i (* 2 n))
                (loop (+ r 1)
                      (+ hits sum
                         (let scount ((j 0) (s 0))
                           (if (= j (quotient n 2))
                               s
                               (scount (+ j 1) (+ s (table-ref st (number->string j 16) 0)))))))
                (let ((v (table-ref t i #f)))
                  (if v
                      (count (+ i 1) (+ hits 1) (+ sum v))
                      (count (+ i 1) hits sum)))))))))

(bench-result (run (bench-arg 0 200000) (bench-arg 1 15)))

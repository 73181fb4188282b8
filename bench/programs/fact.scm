;;; fact: bignum factorials: multiply up n!, then sum its decimal digits
;;; by repeated quotient/remainder by 10^9 chunks; bignum * and quotient.
;;; quick: 100 2 => 639
;;; default: 10000 10 => 149022
(define (fact n)
  (let loop ((i 2) (acc 1))
    (if (> i n) acc (loop (+ i 1) (* acc i)))))

(define (digit-sum n)
  (let loop ((n n) (sum 0))
    (if (= n 0)
        sum
        (let chunk ((c (remainder n 1000000000)) (sum sum))
          (if (= c 0)
              (loop (quotient n 1000000000) sum)
              (chunk (quotient c 10) (+ sum (remainder c 10))))))))

(define (run n reps)
  (let loop ((r 0) (result 0))
    (if (= r reps) result (loop (+ r 1) (digit-sum (fact (+ n r)))))))

(bench-result (run (bench-arg 0 10000) (bench-arg 1 10)))

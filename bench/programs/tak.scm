;;; tak: Takeuchi function repeated; three-argument calls, comparisons.
;;; quick: 1 => 7
;;; default: 5000 => 35000
(define (tak x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))

(define (run n)
  (let loop ((i 0) (sum 0))
    (if (= i n)
        sum
        (loop (+ i 1) (+ sum (tak 18 12 6))))))

(bench-result (run (bench-arg 0 5000)))

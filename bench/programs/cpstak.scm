;;; cpstak: tak in continuation-passing style; closure allocation and
;;; calls through closures in tail position.
;;; quick: 1 => 7
;;; default: 2000 => 14000
(define (cpstak x y z)
  (define (tak x y z k)
    (if (not (< y x))
        (k z)
        (tak (- x 1) y z
             (lambda (v1)
               (tak (- y 1) z x
                    (lambda (v2)
                      (tak (- z 1) x y
                           (lambda (v3)
                             (tak v1 v2 v3 k)))))))))
  (tak x y z (lambda (a) a)))

(define (run n)
  (let loop ((i 0) (sum 0))
    (if (= i n)
        sum
        (loop (+ i 1) (+ sum (cpstak 18 12 6))))))

(bench-result (run (bench-arg 0 2000)))

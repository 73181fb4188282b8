;;; fibfp: Fibonacci on flonums; boxed/unboxed flonum arithmetic in calls.
;;; quick: 20 => 6765
;;; default: 35 => 9227465
(define (fibfp n)
  (if (< n 2.)
      n
      (+ (fibfp (- n 1.)) (fibfp (- n 2.)))))

(bench-result (exact (fibfp (inexact (bench-arg 0 35)))))

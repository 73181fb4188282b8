;;; fixloop: Collatz sequence lengths for 1..n; tight fixnum loops with
;;; quotient, even? and comparisons, no allocation.
;;; quick: 10000 => (849666 6171 261)
;;; default: 2000000 => (277182223 1723519 556)
(define (collatz-length n)
  (let loop ((n n) (steps 0))
    (cond ((= n 1) steps)
          ((even? n) (loop (quotient n 2) (+ steps 1)))
          (else (loop (+ (* 3 n) 1) (+ steps 1))))))

(define (run limit)
  (let loop ((i 1) (total 0) (best 0) (best-i 0))
    (if (> i limit)
        (list total best-i best)
        (let ((len (collatz-length i)))
          (if (> len best)
              (loop (+ i 1) (+ total len) len i)
              (loop (+ i 1) (+ total len) best best-i))))))

(bench-result (run (bench-arg 0 2000000)))

;;; ack: Ackermann's function A(3, n) repeated; deep non-tail recursion.
;;; quick: 2 5 => 253
;;; default: 20 10 => 8189
(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))

(define (run reps n)
  (let loop ((i 0) (r 0))
    (if (= i reps) r (loop (+ i 1) (ack 3 n)))))

(bench-result (run (bench-arg 0 20) (bench-arg 1 10)))

;;; fib: doubly recursive Fibonacci; non-tail calls and fixnum + and <.
;;; quick: 20 => 6765
;;; default: 40 => 102334155
(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(bench-result (fib (bench-arg 0 40)))

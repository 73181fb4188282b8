;;; plusone: calls a trivial C function in a shared library (int plusone(int)) in a loop: the cost of one foreign call.
;;; ffi: plusone
;;; quick: 1000000 => 1000000
;;; default: 100000000 => 100000000
;; The loop of the ffi-overhead benchmark: x = plusone(x) until x reaches n.
;; c-int->int comes from bench/ffi/IMPL.scm, which loads the library.
(define plusone (c-int->int "plusone"))

(define (run n)
  (let loop ((x 0))
    (if (< x n)
        (loop (plusone x))
        x)))

(bench-result (run (bench-arg 0 100000000)))

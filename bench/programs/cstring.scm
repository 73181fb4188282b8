;;; cstring: passes a short string to a C function (int count_bytes(const char*)) in a loop: the cost of a string argument (conversion to a NUL-terminated UTF-8 copy) plus the call.
;;; ffi: cstring
;;; quick: 100000 => 1200000
;;; default: 20000000 => 240000000
;; c-string->int comes from bench/ffi/IMPL.scm, which loads the library.
(define count-bytes (c-string->int "count_bytes"))

(define (run n)
  (let loop ((i 0) (sum 0))
    (if (< i n)
        (loop (+ i 1) (+ sum (count-bytes "hello, world")))
        sum)))

(bench-result (run (bench-arg 0 20000000)))

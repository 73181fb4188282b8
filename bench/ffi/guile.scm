;;; Guile FFI shim: appended to shims/guile.scm for benchmarks with an `ffi:`
;;; line. bench/run names the benchmark's shared library in BENCH_FFI_LIB.
(use-modules (system foreign))
(define bench-ffi-library (dynamic-link (getenv "BENCH_FFI_LIB")))

;; A procedure calling the C function `int name(int)`.
(define (c-int->int name)
  (pointer->procedure int (dynamic-func name bench-ffi-library) (list int)))

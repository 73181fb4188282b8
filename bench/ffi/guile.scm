;;; Guile FFI shim: appended to shims/guile.scm for benchmarks with an `ffi:`
;;; line. bench/run names the benchmark's shared library in BENCH_FFI_LIB.
(use-modules (system foreign))
(define bench-ffi-library (dynamic-link (getenv "BENCH_FFI_LIB")))

;; A procedure calling the C function `int name(int)`.
(define (c-int->int name)
  (pointer->procedure int (dynamic-func name bench-ffi-library) (list int)))

;; A procedure calling the C function `int name(const char*)` with a string
;; (string->pointer makes the NUL-terminated UTF-8 copy).
(define (c-string->int name)
  (let ((f (pointer->procedure int (dynamic-func name bench-ffi-library) (list '*))))
    (lambda (s) (f (string->pointer s)))))

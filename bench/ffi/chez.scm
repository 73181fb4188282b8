;;; Chez Scheme FFI shim: appended to shims/chez.scm for benchmarks with an
;;; `ffi:` line. bench/run names the benchmark's shared library in
;;; BENCH_FFI_LIB.
(load-shared-object (getenv "BENCH_FFI_LIB"))

;; A procedure calling the C function `int name(int)`.
(define (c-int->int name) (foreign-procedure name (int) int))

;; A procedure calling the C function `int name(const char*)` with a string
;; (Chez's `string` type: a NUL-terminated UTF-8 copy).
(define (c-string->int name) (foreign-procedure name (string) int))

;;; Kiln FFI shim: appended to shims/kiln.scm for benchmarks with an `ffi:`
;;; line. bench/run names the benchmark's shared library in BENCH_FFI_LIB.
(import (kiln ffi))
(load-shared-object (get-environment-variable "BENCH_FFI_LIB"))

;; A procedure calling the C function `int name(int)`.
(define (c-int->int name) (foreign-procedure name '(int) 'int))

;; A procedure calling the C function `int name(const char*)` with a string.
(define (c-string->int name) (foreign-procedure name '(string) 'int))

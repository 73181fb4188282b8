;; An integer out of range for the C type, at a call site compiled to a
;; direct C call in tail position: the VM's error and location.
(import (scheme base) (kiln) (kiln ffi))
(define c-abs (foreign-procedure "abs" '(int) 'int))
(define (caller x) (c-abs x))
(jit-compile! caller)
(caller -4)
(caller (+ 2147483647 1))

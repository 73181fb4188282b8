;; An argument of the wrong type at a call site compiled to a direct C call
;; (src/jit/emit_ffi.cpp) raises the VM's error, with the VM's location.
(import (scheme base) (kiln) (kiln ffi))
(define c-abs (foreign-procedure "abs" '(int) 'int))
(define (caller x) (+ 1 (c-abs x)))
(jit-compile! caller)
(caller -4)
(caller 'four)

;; A string with a NUL character at a call site compiled to a direct C call
;; (src/jit/emit_ffi.cpp) raises the VM's error, with the VM's location.
(import (scheme base) (kiln) (kiln ffi))
(define c-strlen (foreign-procedure "strlen" '(string) 'size_t))
(define (caller s) (+ 1 (c-strlen s)))
(jit-compile! caller)
(caller "fine")
(caller (string #\a #\nul))

(import (scheme base) (scheme write) (kiln ffi))
; define-c-function binds a C function with its types written unquoted.
(load-shared-object "libm.so.6")
(define-c-function c-floor "floor" (double) double)
(define-c-function c-abs "abs" (int) int)
(define-c-function c-strlen "strlen" (string) size_t)
(write (list (c-floor 2.75) (c-abs -42) (c-strlen "kiln"))) (newline)

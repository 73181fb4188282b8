(import (scheme base) (kiln ffi))
(define c-abs (foreign-procedure "abs" (quote (int)) (quote int)))
(c-abs 1 2)

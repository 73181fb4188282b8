(import (scheme base) (kiln ffi))
(define c-abs (foreign-procedure "abs" (quote (int)) (quote int)))
(c-abs -5)
(c-abs (expt 2 31))

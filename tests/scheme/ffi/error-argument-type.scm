(import (scheme base) (kiln ffi))
(define c-abs (foreign-procedure "abs" (quote (int)) (quote int)))
(define (f x) (c-abs x))
(f "minus five")

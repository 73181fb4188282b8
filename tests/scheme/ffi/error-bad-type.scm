(import (scheme base) (kiln ffi))
(define f (foreign-procedure "abs" (quote (integer)) (quote int)))

(import (scheme base) (kiln ffi))
(define f (foreign-procedure "kiln_no_such_function" (quote (int)) (quote int)))

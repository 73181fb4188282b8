;; An error in a callback during a direct call from machine code is raised
;; when C returns, at the call site, as on the VM.
(import (scheme base) (kiln) (kiln ffi))
(define apply-int
  (foreign-procedure
   (foreign-callback (lambda (x) (if (> x 1) (vector-ref (vector) x) x)) '(int) 'int) '(int) 'int))
(define (caller x) (list (apply-int x)))
(jit-compile! caller)
(caller 1)
(caller 3)

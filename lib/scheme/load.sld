;; (scheme load): R7RS appendix A.
(define-library (scheme load)
  (import (kiln %builtin))
  (export
   load
   ))

;; (scheme read): R7RS appendix A.
(define-library (scheme read)
  (import (kiln %builtin))
  (export
   read
   ))

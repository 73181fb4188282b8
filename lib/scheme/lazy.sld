;; (scheme lazy): R7RS appendix A.
(define-library (scheme lazy)
  (import (kiln %builtin))
  (export
   delay delay-force force make-promise promise?
   ))

;; (scheme case-lambda): R7RS appendix A.
(define-library (scheme case-lambda)
  (import (kiln %builtin))
  (export
   case-lambda
   ))

;; (scheme complex): R7RS appendix A.
(define-library (scheme complex)
  (import (kiln %builtin))
  (export
   angle imag-part magnitude make-polar make-rectangular real-part
   ))

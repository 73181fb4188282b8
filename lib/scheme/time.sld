;; (scheme time): R7RS appendix A.
(define-library (scheme time)
  (import (kiln %builtin))
  (export
   current-jiffy current-second jiffies-per-second
   ))

;; (scheme eval): R7RS appendix A.
(define-library (scheme eval)
  (import (kiln %builtin))
  (export
   environment eval
   ))

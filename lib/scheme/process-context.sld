;; (scheme process-context): R7RS appendix A.
(define-library (scheme process-context)
  (import (kiln %builtin))
  (export
   command-line emergency-exit exit get-environment-variable get-environment-variables
   ))

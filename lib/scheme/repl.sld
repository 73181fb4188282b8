;; (scheme repl): R7RS appendix A.
(define-library (scheme repl)
  (import (kiln %builtin))
  (export
   interaction-environment
   ))

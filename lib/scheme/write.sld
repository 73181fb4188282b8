;; (scheme write): R7RS appendix A.
(define-library (scheme write)
  (import (kiln %builtin))
  (export
   display write write-shared write-simple
   ))

(define-library (errs cycle-a)
  (import (scheme base) (errs cycle-b))
  (export a)
  (begin (define a 1)))

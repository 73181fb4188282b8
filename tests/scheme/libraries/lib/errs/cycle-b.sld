(define-library (errs cycle-b)
  (import (scheme base) (errs cycle-a))
  (export b)
  (begin (define b 2)))

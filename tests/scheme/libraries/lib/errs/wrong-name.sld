;; This file is where (errs wrong-name) would be, but defines another name.
(define-library (errs not-the-right-name)
  (import (scheme base))
  (export x)
  (begin (define x 1)))

(define-library (errs undefined-export)
  (import (scheme base))
  (export defined never-defined)
  (begin (define defined 1)))

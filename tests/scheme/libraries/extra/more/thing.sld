(define-library (more thing)
  (import (scheme base))
  (export thing)
  (begin (define thing 'thing-from-extra)))

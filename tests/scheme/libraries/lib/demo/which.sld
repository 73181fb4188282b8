;; Present under both lib/ and extra/: the search order decides which loads.
(define-library (demo which)
  (import (scheme base))
  (export which)
  (begin (define which "lib")))

;; Found through the program's own directory as local/greeter.sld.
(define-library (local greeter)
  (import (scheme base) (scheme write))
  (export greet)
  (begin (define (greet who) (display "hello, ") (display who) (newline))))

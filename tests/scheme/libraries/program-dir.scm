;; A library next to the program is found without -I, and a library may be
;; defined in the program file itself, before the program's imports.
(define-library (inline math)
  (import (scheme base))
  (export double (rename triple thrice))
  (begin
    (define (double x) (* 2 x))
    (define (triple x) (* 3 x))))

(import (scheme base) (local greeter) (inline math) (scheme write))
(greet "world")
(write (list (double 21) (thrice 5)))
(newline)

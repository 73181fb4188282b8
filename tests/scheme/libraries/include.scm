;; include and include-ci at top level, in a body, as an expression and in
;; a library; file names are relative to the including file.
(import (scheme base) (scheme write) (prefix (demo included) lib:))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

(include "include/defs.incl")
(show included-value (included-proc 1))

(include-ci "include/SHOUT.incl")
(show (shouted 2) mixed-case)

(define (body-include)
  (include "include/defs.incl")
  (included-proc included-value))
(show (body-include))

(show (include "include/expr.incl"))   ; the value of the last included form
(show (lib:included-proc 'from-lib) (lib:shouted 'from-lib))

;; A library whose body comes from files: include and include-ci.
(define-library (demo included)
  (import (scheme base))
  (export included-proc shouted)
  (include "../../include/defs.incl")
  (include-ci "../../include/SHOUT.incl"))

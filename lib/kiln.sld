;; (kiln): Kiln's extensions -- every builtin that no (scheme ...) library
;; exports: hash tables, sort, string utilities, assert, bitwise operations,
;; gensym, and so on. Computed from the builtin environment, so a new
;; primitive appears here without editing this file.
(define-library (kiln)
  (import (kiln %builtin))
  (%export-builtin-extras))

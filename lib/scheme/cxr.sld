;; (scheme cxr): R7RS appendix A.
(define-library (scheme cxr)
  (import (kiln %builtin))
  (export
   caaaar caaadr caaar caadar caaddr caadr cadaar cadadr cadar caddar cadddr caddr cdaaar
   cdaadr cdaar cdadar cdaddr cdadr cddaar cddadr cddar cdddar cddddr cdddr
   ))

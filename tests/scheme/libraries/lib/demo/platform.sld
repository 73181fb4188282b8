;; cond-expand as a library declaration, with include-library-declarations.
(define-library (demo platform)
  (import (scheme base))
  (cond-expand
    ((and r7rs (not no-such-feature))
     (export word)
     (begin (define word "r7rs")))
    (else
     (export word)
     (begin (define word "other"))))
  (cond-expand
    ((library (demo shapes)) (import (only (demo shapes) area)))
    (else (begin (define (area x) 'no-shapes))))
  (include-library-declarations "platform-decls.incl")
  (begin (define (shape-area) (area 4))))

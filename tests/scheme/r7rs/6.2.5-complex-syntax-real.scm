; R7RS 6.2.5: complex number syntax whose imaginary part (or angle) is an
; exact zero denotes a real number, so it reads as that real -- the same
; value make-rectangular and make-polar give. Kiln has no non-real numbers
; (tests/KNOWN-FAILURES); those stay unreadable (6.2.5-complex-literal.scm).
(define (t . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(t 3+0i -2.5+0i 1/2-0i 7@0 -4.5@0 #x10+0i #b-11@0 #e1.5+0i)
(t (real? -2.5+0i) (integer? 3+0i) (exact? 3+0i) (eqv? 3+0i (make-rectangular 3 0)))
(t (string->number "3+0i") (string->number "+0i") (string->number "2@0") (string->number "ff+0i" 16))
; an inexact zero imaginary part is not exact, so these are non-real: #f
(t (string->number "1+0.0i") (string->number "#i3+0i") (string->number "1@0.0"))
; non-real syntax is no real number either
(t (string->number "1+2i") (string->number "+i") (string->number "-i") (string->number "+inf.0i")
   (string->number "1@2") (string->number "#x1+2i"))
; not numbers at all
(t (string->number "1+-2i") (string->number "1e+2i") (string->number "i") (string->number "+-i")
   (string->number "1@") (string->number "@1") (string->number "->i"))
; the sign of a decimal exponent does not start the imaginary part
(t (string->number "1e2+0i") (string->number "#e1+0e-3i") (string->number "#e1.5e-2-0.0e+4i"))

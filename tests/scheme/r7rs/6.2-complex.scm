; (scheme complex) on a tower of reals only: real-part, imag-part,
; magnitude, angle, make-rectangular and make-polar (checked against Chez).
(define (t . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(t (real-part 5) (real-part -2.5) (imag-part 2.5) (imag-part 7) (imag-part 1/2))
(t (magnitude -3) (magnitude -1/2) (magnitude 2.0) (magnitude -inf.0))
(t (angle -1) (angle 2) (angle 0) (angle -0.0) (angle 1.5) (angle 0.0))
(t (make-rectangular 3 0) (make-rectangular 1.5 0) (make-polar 2 0) (make-polar -1/2 0))
(t (complex? 1) (complex? 1.5) (complex? 'a))

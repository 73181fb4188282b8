; A parameter's converter can reject a value given with parameterize.
(define radix (make-parameter 10 (lambda (x) (if (and (exact-integer? x) (<= 2 x 16)) x (error "invalid radix" x)))))
(display (radix)) (newline)
(parameterize ((radix 0)) (display "not reached"))

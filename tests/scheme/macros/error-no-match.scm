; A use that matches no rule names the macro and the use location.
(define-syntax pair-of (syntax-rules () ((_ a b) (cons a b))))
(display (pair-of 1 2))
(newline)
(display (pair-of 1 2 3))

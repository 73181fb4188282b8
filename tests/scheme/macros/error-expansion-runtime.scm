; A run-time error in a macro expansion points at the macro use.
(define-syntax first-of (syntax-rules () ((_ e) (car e))))
(define (g x)
  (first-of x))
(g 5)

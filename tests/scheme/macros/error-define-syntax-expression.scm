; define-syntax is a definition, not an expression.
(display (let ((x (define-syntax m (syntax-rules () ((_) 1))))) x))

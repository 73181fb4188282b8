; syntax-error reports its message and irritants at the macro use.
(define-syntax must-be-symbol
  (syntax-rules ()
    ((_ (x ...)) (syntax-error "must-be-symbol: expected a symbol, got a list" (x ...)))
    ((_ x) (quote x))))
(display (must-be-symbol abc))
(newline)
(must-be-symbol (1 2))

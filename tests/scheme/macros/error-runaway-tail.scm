; The same in tail position, where the expansion does not nest.
(define-syntax again (syntax-rules () ((_) (again))))
(again)

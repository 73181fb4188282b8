; An ellipsis after a template that has no variable to repeat.
(define-syntax bad (syntax-rules () ((_ a) (list a ...))))

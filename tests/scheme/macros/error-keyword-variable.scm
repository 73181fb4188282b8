; A macro keyword is not a variable.
(define-syntax kw (syntax-rules () ((_) 1)))
(display (kw))
(newline)
(display kw)

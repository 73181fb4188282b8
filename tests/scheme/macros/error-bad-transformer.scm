; define-syntax needs a transformer.
(define-syntax five 5)

; A malformed syntax-rules is reported at its definition.
(display "before")
(newline)
(define-syntax bad
  (syntax-rules ()
    ((_ a ... b ...) (list a ...))))

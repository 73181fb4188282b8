;; string->number refuses an exact decimal whose exponent would need a
;; power of ten with millions of digits, saying which end it is at; a
;; large but buildable one is exact.
(define (try s)
  (write (guard (e ((error-object? e) (error-object-message e))) (string->number s)))
  (newline))
(try "#e1e-99999999999")
(try "#e1e99999999999")
(try "#e1.5e-3")
(try "#e2e30")
(write (exact? (string->number "#e1e-300"))) (newline)

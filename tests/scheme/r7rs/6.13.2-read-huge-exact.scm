;; `read` of an exact number too large to build raises a read-error (so
;; read-error? holds), located in the text read; string->number of the same
;; text is not read syntax, and raises an ordinary error.
(define (try thunk)
  (write (guard (e ((read-error? e) (list 'read-error (error-object-message e)))
                   ((error-object? e) 'error))
           (thunk)))
  (newline))
(try (lambda () (read (open-input-string "(1 #e1e400000000)"))))
(try (lambda () (read (open-input-string "  1e400000000"))))
(try (lambda () (read (open-input-string "#x#e-1e400"))))
(try (lambda () (string->number "#e1e400000000")))
;; A non-real number with a part too large: still a read-error.
(try (lambda () (read (open-input-string "#e1e400000000+2i"))))

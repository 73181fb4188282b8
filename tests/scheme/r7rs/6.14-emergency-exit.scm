; emergency-exit ends the program at once: no dynamic-wind after thunks run.
; Output written so far is flushed (Kiln's choice; the report leaves it open).
(dynamic-wind
  (lambda () (display "before") (newline))
  (lambda () (display "written, then flushed") (emergency-exit 5))
  (lambda () (display "after: not printed") (newline)))

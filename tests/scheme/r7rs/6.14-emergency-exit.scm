; emergency-exit ends the program at once, like POSIX _exit (the report's
; note): no dynamic-wind after thunks run and buffered output is not
; flushed, so this program flushes what it wants to keep.
(dynamic-wind
  (lambda () (display "before") (newline) (flush-output-port))
  (lambda () (display "buffered, lost") (emergency-exit 5))
  (lambda () (display "after: not printed") (newline)))

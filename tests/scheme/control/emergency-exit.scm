; emergency-exit ends the program at once: no dynamic-wind afters run
; (output written so far is still flushed).
(dynamic-wind
 (lambda () (display "before\n"))
 (lambda () (emergency-exit 5))
 (lambda () (display "after must not run\n")))

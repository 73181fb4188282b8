; exit runs the outstanding dynamic-wind afters, innermost first, flushes
; output and ends the program with the status (R7RS 6.14); handlers do not
; see it.
(with-exception-handler
 (lambda (e) (display "handler must not run\n"))
 (lambda ()
   (dynamic-wind
    (lambda () (display "outer before\n"))
    (lambda ()
      (dynamic-wind
       (lambda () (display "inner before\n"))
       (lambda () (display "exiting\n") (exit 7) (display "not reached\n"))
       (lambda () (display "inner after\n"))))
    (lambda () (display "outer after\n")))))
(display "not reached either\n")

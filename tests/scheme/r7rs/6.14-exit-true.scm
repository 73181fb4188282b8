; (exit #t) is success; (exit) too.
(display "ok") (newline)
(exit #t)
(display "not reached")

(display "q") (newline)
(floor/ 7 0)

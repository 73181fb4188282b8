(display "forms before a read error run: each form is read, then run")
(newline)
(display (list 1 2)

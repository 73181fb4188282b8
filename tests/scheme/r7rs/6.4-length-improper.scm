; length of an improper list is an error naming the procedure.
(display "ok") (newline)
(length '(1 2 . 3))

(display "runs first") (newline)
(let ((x)) x)

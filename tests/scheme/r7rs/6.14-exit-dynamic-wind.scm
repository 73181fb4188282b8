; exit runs the after thunks of the dynamic-wind calls it leaves
; (R7RS 6.14: "Runs all outstanding dynamic-wind after procedures").
(dynamic-wind
  (lambda () (display "before") (newline))
  (lambda () (exit 4))
  (lambda () (display "after") (newline)))

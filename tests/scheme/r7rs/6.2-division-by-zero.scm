; Exact division by zero is an error naming the procedure; inexact division
; gives infinities.
(display (list (/ 1.0 0) (/ -1 0.0) (/ 0.0 0))) (newline)
(/ 5 0)

; An error raised inside a procedure that a top-level form tail-calls still
; names a place in the program: the form has no frame left (proper tail
; call), so the report ends with the form's own location.
(define (squares v) (vector-map (lambda (x) (* x x)) v))
(display (squares #(1 2 3)))
(newline)
(squares '(1 2 3))

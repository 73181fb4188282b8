; Only the builtin call/cc is compiled inline: a local binding or a
; program's own definition of the name is called like any procedure.
(define (local-shadow)
  (let ((call/cc (lambda (f) (list 'local (f 'arg)))))
    (call/cc (lambda (k) k))))
(write (local-shadow)) (newline)
(define (param-shadow call-with-current-continuation)
  (call-with-current-continuation (lambda (k) (list 'param k))))
(write (param-shadow (lambda (f) (f 'given)))) (newline)

; A program's definition replaces the name for the code after it.
(define (before) (call/cc (lambda (k) (k 'builtin))))
(define (call/cc f) (list 'mine (f 'x)))
(define (after) (call/cc (lambda (k) k)))
(write (list (before) (after))) (newline)
; call-with-current-continuation is still the builtin.
(write (call-with-current-continuation (lambda (k) (k 'long)))) (newline)

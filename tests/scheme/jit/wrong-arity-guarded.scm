; A compiled procedure called from the VM with a wrong argument count, in
; tail and non-tail position, under a handler: its entry refuses the call
; and the handler runs (this crashed the interpreter, which had dropped its
; pc on entering machine code).
(define (three a b c) (list a b c))
(jit-compile! three)
(define (tail-caller) (three 1 2))
(define (message thunk) (guard (e ((error-object? e) (error-object-message e))) (thunk)))
(write (list (message (lambda () (three 1 2)))
             (message tail-caller)
             (message (lambda () (list (tail-caller))))
             (message (lambda () (apply three '(1))))))
(newline)

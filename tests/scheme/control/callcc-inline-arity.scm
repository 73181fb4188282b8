; A receiver lambda of the wrong arity is not inlined: the call raises
; the same error as ever.
(write (guard (e ((error-object? e) (error-object-message e)))
         (call/cc (lambda () 'never))))
(newline)
(write (call/cc (lambda (k . rest) (list rest)))) (newline)
(call/cc (lambda (a b) 'never))

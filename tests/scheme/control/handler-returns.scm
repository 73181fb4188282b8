; A handler that returns from a non-continuable raise: a secondary error is
; raised in the handler's dynamic environment (R7RS 6.11, raise).
(define (show x) (write x) (newline))

(show (guard (e ((error-object? e)
                 (list (error-object-message e) (error-object-irritants e))))
        (with-exception-handler
         (lambda (e) (display "something went wrong\n") 'ignored)
         (lambda () (+ 1 (raise 'an-error))))))

; The same for an error raised by a primitive.
(show (guard (e ((error-object? e) (error-object-message e)))
        (with-exception-handler
         (lambda (e) 'ignored)
         (lambda () (car 5)))))

; The secondary error goes to the handler outside the one that returned.
(show (call/cc
       (lambda (k)
         (with-exception-handler
          (lambda (outer) (k (list 'outer-saw (error-object-irritants outer))))
          (lambda ()
            (with-exception-handler
             (lambda (inner) 'returned)
             (lambda () (raise 'first))))))))

; A raise-continuable whose handler returns is fine, and the handler
; returning for a later plain raise is not.
(show (guard (e ((error-object? e) (list 'secondary (error-object-irritants e))))
        (with-exception-handler
         (lambda (c) 5)
         (lambda () (+ (raise-continuable 'ok) (raise 'not-ok))))))

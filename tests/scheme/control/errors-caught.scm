; Errors raised by primitives and by the VM itself reach guard and
; with-exception-handler as error objects, just like `raise`d ones.
(define (show x) (write x) (newline))
(define (message-of thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e)))
            (else (list 'non-error e)))
    (thunk)))

(show (guard (e (#t (error-object-message e))) (car 5)))
(show (message-of (lambda () (cdr '()))))
(show (message-of (lambda () (vector-ref (vector 1 2) 5))))
(show (message-of (lambda () (+ 1 "two"))))
(show (message-of (lambda () (undefined-variable-here))))
(show (message-of (lambda () ((lambda (x) x)))))
(show (message-of (lambda () ((lambda (x) x) 1 2))))
(show (message-of (lambda () (car))))
(show (message-of (lambda () ("not a procedure" 1))))
(show (message-of (lambda () (error "custom" 1 'two "three"))))
(show (message-of (lambda () (string-ref "abc" 10))))
(show (message-of (lambda () (apply + 1 2))))
(show (message-of (lambda () (exact (/ 1.0 0)))))
(show (message-of (lambda () (raise 'sym))))
(show (message-of (lambda () (assert (= 1 2)))))

; An error inside a deep recursion, caught at the top; the stack unwinds.
(define (deep n) (if (= n 0) (car '()) (+ 1 (deep (- n 1)))))
(show (message-of (lambda () (deep 100000))))

; A handler sees the error object of a primitive and can escape with it.
(show (call/cc
       (lambda (k)
         (with-exception-handler
          (lambda (e) (k (list 'handled (error-object-message e))))
          (lambda () (vector-set! #(1 2 3) 0 'x))))))

(show 'still-running)

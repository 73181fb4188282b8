; with-exception-handler, raise, raise-continuable and error (R7RS 6.11).
(define (show x) (write x) (newline))

(show (call-with-current-continuation
       (lambda (k)
         (with-exception-handler
          (lambda (x)
            (display "condition: ")
            (write x)
            (newline)
            (k 'exception))
          (lambda ()
            (+ 1 (raise 'an-error)))))))

(show (with-exception-handler
       (lambda (con)
         (cond ((string? con) (display con))
               (else (display "a warning has been issued")))
         42)
       (lambda ()
         (+ (raise-continuable "should be a number") 23))))
(newline)

; The handler runs with the outer handlers installed, in the dynamic
; environment of the raise.
(show (with-exception-handler
       (lambda (e) (list 'outer e))
       (lambda ()
         (with-exception-handler
          (lambda (e) (raise-continuable (list 'inner e)))
          (lambda () (raise-continuable 'x))))))

(define p (make-parameter 'top))
(show (with-exception-handler
       (lambda (e) (p))
       (lambda () (parameterize ((p 'inside)) (raise-continuable 'x)))))

; After a handler returns from raise-continuable, the handler is installed
; again for the rest of the thunk.
(show (with-exception-handler
       (lambda (e) (* e 2))
       (lambda () (+ (raise-continuable 1) (raise-continuable 10)))))

; with-exception-handler returns the thunk's values.
(show (call-with-values
       (lambda () (with-exception-handler (lambda (e) 0) (lambda () (values 'a 'b))))
       list))

; error objects.
(define (null-list? l)
  (cond ((pair? l) #f)
        ((null? l) #t)
        (else (error "null-list?: argument out of domain" l))))
(show (guard (e ((error-object? e)
                 (list (error-object-message e) (error-object-irritants e))))
        (null-list? 5)))
(show (guard (e ((error-object? e) 'error-object) (else (list 'raised e)))
        (raise 'plain)))
(show (guard (e ((string? e) e)) (raise "a string")))
(show (guard (e (#t (error-object? e))) (error "no irritants")))
(show (guard (e ((file-error? e) 'file-error))
        (open-input-file "/nonexistent/kiln/file")))

; A handler that escapes through an outer continuation, a thousand times.
(define (safe-div a b)
  (call/cc (lambda (k)
             (with-exception-handler
              (lambda (e) (k 'division-by-zero))
              (lambda () (/ a b))))))
(show (let loop ((i 0) (zeros 0))
        (if (= i 1000)
            zeros
            (loop (+ i 1) (if (eq? (safe-div i (modulo i 3)) 'division-by-zero) (+ zeros 1) zeros)))))

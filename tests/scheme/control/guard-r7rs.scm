; guard (R7RS 4.2.7): the report's examples, => clauses, else, re-raise
; to outer handlers in the dynamic environment of the raise.
(define (show x) (write x) (newline))

(show (guard (condition
              ((assq 'a condition) => cdr)
              ((assq 'b condition)))
        (raise (list (cons 'a 42)))))
(show (guard (condition
              ((assq 'a condition) => cdr)
              ((assq 'b condition)))
        (raise (list (cons 'b 23)))))

; else, several body forms, internal definitions, normal return.
(show (guard (e ((symbol? e) (list 'symbol e))
                (else (list 'other e)))
        (raise 42)))
(show (guard (e (#t 'caught))
        (define x 10)
        (+ x 1)))
(show (call-with-values (lambda () (guard (e (#t 0)) (values 1 2))) list))

; No clause matches: the exception goes on to the next handler out.
(show (guard (outer (#t (list 'outer outer)))
        (guard (inner ((string? inner) 'inner))
          (raise 'not-a-string))))

; The re-raise is raise-continuable in the dynamic environment of the
; original raise: a handler there can return to the raise-continuable.
(show (with-exception-handler
       (lambda (e) 10)
       (lambda ()
         (+ 1 (guard (e ((string? e) 'str))
                (+ 100 (raise-continuable 'sym)))))))

; ... so a dynamic-wind around the raise is re-entered for it, and left again.
(define trace '())
(define (note x) (set! trace (cons x trace)))
(guard (e (#t (note (list 'outer-caught e))))
  (guard (e ((string? e) (note 'inner-caught)))
    (dynamic-wind
     (lambda () (note 'in))
     (lambda () (raise 'x))
     (lambda () (note 'out)))))
(show (reverse trace))

; The clauses run in the dynamic environment of the guard: an exception
; raised in a clause goes to the handlers outside the guard.
(show (guard (e2 (#t (list 'from-clause e2)))
        (guard (e1 (#t (raise (list 'again e1))))
          (raise 'first))))

; guard is a special form, not captured by a local binding of its helpers.
(show (let ((list vector) (call/cc #f) (%guard #f))
        (guard (e ((number? e) (* e 2)))
          (raise 21))))

; A guard in a loop 100000 times.
(define (loop n acc)
  (if (= n 0) acc (loop (- n 1) (+ acc (guard (e (#t e)) (raise 1))))))
(show (loop 100000 0))

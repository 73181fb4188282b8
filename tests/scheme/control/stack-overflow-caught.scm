; Stack overflow is an error like any other: a handler catches it (running
; in a reserve beyond the normal limit), and the program goes on.
(define (forever n) (+ 1 (forever (+ n 1))))
(write (call/cc
        (lambda (k)
          (with-exception-handler
           (lambda (e) (k (list 'caught (error-object-message e))))
           (lambda () (forever 0))))))
(newline)
(define (depth n) (if (= n 0) 0 (+ 1 (depth (- n 1)))))
(write (depth 100000))
(newline)

; The call/cc and values examples of R7RS 6.10, and basic escapes.
(define (show x) (write x) (newline))

(show (call-with-current-continuation
       (lambda (exit)
         (for-each (lambda (x) (if (negative? x) (exit x)))
                   '(54 0 37 -3 245 19))
         #t)))

(define list-length
  (lambda (obj)
    (call-with-current-continuation
     (lambda (return)
       (letrec ((r (lambda (obj)
                     (cond ((null? obj) 0)
                           ((pair? obj) (+ (r (cdr obj)) 1))
                           (else (return #f))))))
         (r obj))))))
(show (list-length '(1 2 3 4)))
(show (list-length '(a b . c)))

(show (call-with-values (lambda () (values 4 5)) (lambda (a b) b)))
(show (call-with-values * -))

; call/cc is the same procedure under both names.
(show (+ 1 (call/cc (lambda (k) (+ 10 (k 1))))))
(show (call/cc (lambda (k) 'normal-return)))
(show (procedure? (call/cc (lambda (k) k))))

; A continuation called with several values delivers them all.
(show (call-with-values (lambda () (call/cc (lambda (k) (k 1 2 3)))) list))
(show (call-with-values (lambda () (call/cc (lambda (k) (k)))) list))
(let-values (((a b) (call/cc (lambda (k) (k 'x 'y)))))
  (show (list b a)))

; Escaping from inside map, and from a nested procedure.
(show (call/cc (lambda (k) (map (lambda (x) (if (= x 3) (k 'three) x)) '(1 2 3 4)))))
(define (find-first pred l)
  (call/cc (lambda (return)
             (for-each (lambda (x) (when (pred x) (return x))) l)
             #f)))
(show (find-first even? '(1 3 5 6 7)))
(show (find-first even? '(1 3 5)))

; apply of a continuation.
(show (+ 1 (call/cc (lambda (k) (apply k '(41))))))
; A continuation passed to call/cc itself.
(show (call/cc (lambda (k) (call/cc k))))

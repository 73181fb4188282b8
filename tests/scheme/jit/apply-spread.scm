;; (apply f a ... list) spreads its list in machine code (jit/emit_apply.cpp)
;; and calls f with as many arguments: every kind of f, in tail and
;; non-tail position, hot (so compiled, tiered) and with every kind of bad
;; list, whose errors must be the interpreter's.
(define (rest . xs) xs)
(define (two-and-rest a b . xs) (list a b xs))
(define (three a b c) (list c b a))
(define cl (case-lambda ((a) (list 'one a)) ((a b) (list 'two a b)) ((a . r) (list 'many a r))))

;; Non-tail: the result comes back to the caller, which uses it.
(define (call-nt f l) (cons 'r (apply f l)))
(define (call-nt2 f a l) (cons 'r (apply f a 'x l)))
;; Tail: the callee takes over the frame.
(define (call-t f l) (apply f l))
(define (call-t2 f a l) (apply f a 'x l))

(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

(define (round-of i)
  (list (call-nt rest (list i 1 2))
        (call-nt rest '())
        (call-nt three '(1 2 3))
        (call-nt list (list i))
        (call-nt2 two-and-rest i '(4 5 6))
        (call-nt2 rest i '())
        (call-nt (lambda args (reverse args)) '(a b c))
        (call-nt cl '(1))
        (call-nt cl '(1 2))
        (call-nt cl '(1 2 3))
        (call-t + (list i 2 3))
        (call-t max '(1.5 -2 7))
        (call-t vector '())
        (call-t2 vector i '(y z))
        (call-t2 two-and-rest i '())
        (call-t three '(a b c))
        (call-t cl '(9 8))
        (call-t apply (list + (list 1 2 i)))
        (call-t call-with-current-continuation (list (lambda (k) (k i))))
        (call-with-values (lambda () (call-t values (list i 'v))) list)
        (call-with-current-continuation (lambda (k) (call-t k (list 'escaped i))))
        (call-with-current-continuation (lambda (k) (call-nt k (list (list 'escaped-nt i)))))))

(let loop ((i 0) (last #f))
  (if (< i 300)
      (loop (+ i 1) (round-of i))
      (for-each (lambda (x) (write x) (newline)) last)))

;; Long lists: into a rest list, into a primitive, into a closure's fixed
;; arguments when the count is wrong.
(show (length (call-nt rest (iota 100000))) (call-t + (iota 100000)) (call-t max (iota 50000)))

;; Errors, caught: the same messages as the interpreter's.
(define (message thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (thunk)))
(define circular (list 1 2 3))
(set-cdr! (cddr circular) circular)
(show (message (lambda () (call-nt + '(1 . 2)))))
(show (message (lambda () (call-t + 5))))
(show (message (lambda () (call-t2 + 1 circular))))
(show (message (lambda () (call-nt three '(1 2)))))
(show (message (lambda () (call-t three '(1 2 3 4)))))
(show (message (lambda () (call-t car '(1 2)))))
(show (message (lambda () (call-nt car '(1)))))
(show (message (lambda () (call-t 'not-a-procedure '(1)))))
(show (message (lambda () (call-nt cl '()))))

;; Called from C++ (the sort's comparator), a tail apply of a primitive
;; returns to it.
(show (list-sort (lambda (a b) (apply < (list a b))) '(3 1 2)))
(show (vector-map (lambda (x) (apply + x '(1))) #(1 2 3)))

;; apply through a variable that stops holding apply: the call goes on as
;; any call of the new value.
(define my-apply apply)
(define (via-my-apply f l) (my-apply f l))
(let loop ((i 0)) (when (< i 300) (via-my-apply + '(1 2)) (loop (+ i 1))))
(show (via-my-apply + '(1 2)))
(set! my-apply (lambda (f l) (list 'not-apply f l)))
(show (via-my-apply 'f '(1 2)))

;; Elements that only the spread arguments hold while the callee allocates.
(define (fresh n) (map (lambda (i) (make-vector 2 i)) (iota n)))
(define (spread-list l) (apply list l))
(let loop ((i 0) (ok #t))
  (if (< i 200)
      (let ((r (spread-list (fresh 100))))
        (loop (+ i 1) (and ok (equal? r (map (lambda (i) (make-vector 2 i)) (iota 100))))))
      (show ok)))

;; A circular list is found by measuring it, not by filling the stack: 200
;; of them take no time (each filled 16 million slots first, once).
(let loop ((i 0) (errors 0))
  (if (< i 200)
      (loop (+ i 1) (+ errors (guard (e (#t 1)) (call-t + circular) 0)))
      (show errors)))

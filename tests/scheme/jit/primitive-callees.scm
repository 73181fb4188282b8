; A call through a variable that held a builtin primitive when its function
; got hot runs the primitive inline behind a guard (jit/sampled_callees.cpp);
; any other callee takes the generic call. Results are the same on every tier.
(define (show label x) (display label) (display ": ") (write x) (newline))

(define (fold f acc l) (if (null? l) acc (fold f (f (car l) acc) (cdr l))))
(define (keep p l)
  (cond ((null? l) '())
        ((p (car l)) (cons (car l) (keep p (cdr l))))
        (else (keep p (cdr l)))))
(define (map1 f l) (if (null? l) '() (cons (f (car l)) (map1 f (cdr l)))))
(define (app3 f a b c) (f a b c))        ; a tail call
(define (app2 f a b) (list (f a b)))     ; a call
(define (make-applier f) (lambda (x) (f x)))  ; the callee a free variable
(define (find-first p l)                 ; the result used past the branch
  (and (pair? l) (or (p (car l)) (find-first p (cdr l)))))

(define (iota n) (let loop ((i n) (l '())) (if (= i 0) l (loop (- i 1) (cons (- i 1) l)))))
(define l (iota 300))
(define pairs (map1 (lambda (i) (cons i (* i i))) l))
(define v (make-vector 3 0))
(define first (make-applier car))
(define (repeat n thunk) (if (> n 0) (begin (thunk) (repeat (- n 1) thunk))))

;; Eager mode compiles before the first call, with no frame to learn from.
(define (probe) 1)
(probe)
(define eager? (jit-compiled? probe))
(define (stat name) (cdr (assq name (jit-stats))))
(define before (stat 'primitive-callees))

(repeat 200 (lambda ()
              (fold + 0 l) (keep even? l) (map1 cdr pairs) (first (car pairs))
              (app3 + 1 2 3) (app3 vector-set! v 0 1) (app2 - 5 3)
              (find-first car '((#f) (#f) (5) (6)))))
(define sampled? (and (jit-compiled? fold) (not eager?)))
;; fold, keep, app3, app2, find-first and the applier (map1 got hot on a
;; lambda, earlier).
(show "guards made" (if sampled? (>= (- (stat (quote primitive-callees)) before) 6) #t))

(show "fold +" (fold + 0 l))
(show "keep even?" (length (keep even? l)))
(show "map1 cdr" (list-tail (map1 cdr pairs) 297))
(show "free variable" (first (cons 'a 'b)))
(show "or of the results" (find-first car '((#f) (#f) (5) (6))))
(show "+ with 3 arguments" (app3 + 1 2 3))
(show "vector-set!, no result" (list (app3 vector-set! v 1 7) v))
(show "fixnum overflow" (fold + 0 (list (expt 2 61) (expt 2 61) 1)))
(show "flonums" (fold + 0 '(1.5 2.25)))
;; Other callees at the same sites: the generic call.
(show "another primitive" (fold * 1 '(1 2 3 4 5)))
(show "a closure" (fold (lambda (x acc) (cons x acc)) '() '(1 2 3)))
(show "a closure in keep" (keep (lambda (x) (> x 297)) l))
(show "a control primitive" (app2 apply + '(1 2)))
(show "list, variadic" (app3 list 1 2 3))
(show "map1 vector" (map1 vector '(1 2)))
;; Errors: the primitive's own, and arity errors from the generic call.
(define (message thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (thunk)))
(show "car of a non-pair" (message (lambda () (map1 car '(5)))))
(show "even? of a non-integer" (message (lambda () (keep even? '(1.5)))))
(show "+ of a symbol" (message (lambda () (fold + 0 '(x)))))
(show "wrong arity" (message (lambda () (app2 car '(1) '(2)))))

;; A global that holds a primitive is guarded without any sample; assigning
;; it sends the call to the generic path.
(define plus +)
(define (add a b) (plus a b))
(define globals-before (stat 'primitive-callees))
(show "global alias guarded" (if (jit-compile! add) (> (stat 'primitive-callees) globals-before) #t))
(show "alias" (add 20 22))
(set! plus *)
(show "alias assigned" (add 20 22))
(set! plus (lambda (a b) (list a b)))
(show "alias a closure" (add 20 22))

;; Pairs, told apart by their tag (value.h), in everything that looks at
;; types: printing, equal?, hashing, type predicates, error messages, and
;; the inline list operations of machine code (run here often enough to
;; compile in tiered mode).

;; Printing: proper, improper, nested, circular (with labels), shared.
(write (list 1 (cons 2 3) '() (list (list)))) (newline)
(write (cons 1 (cons 2 3))) (newline)
(define c (list 1 2 3))
(set-cdr! (cddr c) c)
(write c) (newline)
(define s (list 'x))
(write (list s s)) (newline)
(display (list "str" #\c 1.5 (cons 'a 'b))) (newline)
(write '(quote x)) (write '(quasiquote (a (unquote b)))) (newline)

;; equal? on pairs against other types, improper and circular lists.
(display (list (equal? (cons 1 2) (cons 1 2))
               (equal? (cons 1 2) (vector 1 2))
               (equal? (vector (list 1)) (vector (list 1)))
               (equal? '(1 . 2) (cons 1 2))
               (equal? (list 1 2) '(1 2 . ()))
               (eqv? (cons 1 2) (cons 1 2))
               (equal? '(1 2) "12")))
(newline)
(define c2 (list 1 2 3))
(set-cdr! (cddr c2) c2)
(display (equal? c c2)) (newline)

;; Hash tables keyed by lists: equal tables hash by structure, eq tables by
;; identity; a literal key and a fresh equal list find the same entry.
(define h (make-hash-table))
(hash-table-set! h '(1 2) 'literal-key)
(hash-table-set! h (list 'a (cons 'b 'c)) 'nested)
(display (hash-table-ref/default h (list 1 2) 'missing)) (newline)
(display (hash-table-ref/default h (list 'a (cons 'b 'c)) 'missing)) (newline)
(display (hash-table-ref/default h (cons 1 2) 'missing)) (newline)
(define e (make-hash-table eq?))
(define k (list 1 2))
(hash-table-set! e k 'this-one)
(display (hash-table-ref/default e k 'missing)) (newline)
(display (hash-table-ref/default e (list 1 2) 'missing)) (newline)
(display (= (equal-hash (list 1 (vector 2) "x")) (equal-hash (list 1 (vector 2) "x")))) (newline)
(write (sort (map car (hash-table->alist h)) (lambda (a b) (< (length a) (length b))))) (newline)

;; Type predicates on pairs and on what is not a pair.
(define things (list (cons 1 2) '() 1 "s" 'sym (vector 1) 2.5 #\a car (lambda () 1)))
(define (kinds x)
  (list (pair? x) (list? x) (null? x) (vector? x) (string? x) (symbol? x)
        (procedure? x) (number? x) (char? x) (boolean? x)))
(define (all-kinds n)
  (let loop ((i 0) (r #f))
    (if (= i n) r (loop (+ i 1) (map kinds things)))))
(for-each (lambda (r) (write r) (newline)) (all-kinds 200))

;; List operations in loops (inline car/cdr/cons/list/memq/assq/list-ref).
(define (build n) (let loop ((i n) (acc '())) (if (= i 0) acc (loop (- i 1) (cons i acc)))))
(define (sum l) (if (null? l) 0 (+ (car l) (sum (cdr l)))))
(define (work n)
  (let loop ((i 0) (total 0))
    (if (= i n)
        total
        (let ((l (build 50)))
          (loop (+ i 1)
                (+ total (sum l) (list-ref l 10) (cadr (memq 7 l))
                   (cdr (assq 'b (list (cons 'a 1) (cons 'b 2))))
                   (length (list i i i))))))))
(display (work 300)) (newline)

;; Errors that name pairs.
(define (msg thunk) (guard (e ((error-object? e) (error-object-message e))) (thunk)))
(display (msg (lambda () (car 5)))) (newline)
(display (msg (lambda () (cdr '())))) (newline)
(display (msg (lambda () (vector-ref (cons 1 2) 0)))) (newline)
(display (msg (lambda () (+ 1 (list 2))))) (newline)
(display (msg (lambda () (string-length '(a))))) (newline)

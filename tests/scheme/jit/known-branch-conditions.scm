;; After `branch v` on a predicate's boolean, a block entered from one side
;; only uses v as the constant it must be there (#t or #f): the values that
;; `or` and `and` return are those of the predicates, in every tier.
(define (or-null l) (or (null? l) (car l)))
(define (or-pair x) (or (pair? x) 'not-a-pair))
(define (and-pair x) (and (pair? x) (car x)))
(define (or-lt a b) (or (< a b) (list 'ge a b)))
(define (and-eq a b) (and (eq? a b) 'same))
(define (or-not x) (or (not x) 'truthy))
(define (or-eqn a b) (or (= a b) 'different))
;; A join reached from both sides of the branch keeps the value itself.
(define (join x) (let ((v (null? x))) (if v (display "") (display "")) v))
(define (all)
  (list (or-null '()) (or-null '(5)) (or-pair '(1)) (or-pair 3) (and-pair 3) (and-pair '(7))
        (or-lt 1 2) (or-lt 2 1) (or-lt 1.5 2) (and-eq 'a 'a) (and-eq 'a 'b) (or-not #f) (or-not 0)
        (or-eqn 3 3) (or-eqn 3 4) (join '()) (join '(1))))
(let loop ((i 0)) (when (< i 200) (all) (loop (+ i 1))))
(write (all))
(newline)
;; The constant #t is new to this function's table, which also makes a
;; closure: lowering adds immediates only, after the children's Protos.
(define (or-closure l) (or (null? l) (lambda () (car l))))
(define (use l) (let ((r (or-closure l))) (if (procedure? r) (r) r)))
(let loop ((i 0)) (when (< i 300) (use '()) (use '(1)) (loop (+ i 1))))
(write (list (use '()) (use '(5))))
(newline)

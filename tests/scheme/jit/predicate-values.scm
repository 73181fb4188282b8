;; A predicate whose result is both tested by a branch and used as a value
;; (`or` returns its test) is stored and branched on from the same flags
;; (jit/emit_ops.cpp predicate). Every predicate kind, both outcomes.

(define (or-null l) (or (null? l) (car l)))
(define (or-pair x) (or (pair? x) (list 'not-pair x)))
(define (or-eq a b) (or (eq? a b) (cons a b)))
(define (or-not x) (or (not x) (list 'truthy x)))
(define (or-symbol x) (or (symbol? x) (vector x)))
(define (or-char x) (or (char? x) 'no-char))
(define (or-boolean x) (or (boolean? x) 'no-boolean))
(define (or-procedure x) (or (procedure? x) 'no-procedure))
(define (or-number x) (or (number? x) 'no-number))
(define (and-null l) (and (null? l) 'empty))
(define (ok? row dist placed)                   ; nqueens' test
  (or (null? placed)
      (and (not (= (car placed) (+ row dist)))
           (not (= (car placed) (- row dist)))
           (ok? row (+ dist 1) (cdr placed)))))

(define (run)
  (list (or-null '()) (or-null '(7))
        (or-pair '(1)) (or-pair 2)
        (or-eq 'a 'a) (or-eq 'a 'b)
        (or-not #f) (or-not 3)
        (or-symbol 'x) (or-symbol "x")
        (or-char #\a) (or-char 97)
        (or-boolean #f) (or-boolean '())
        (or-procedure car) (or-procedure 'car)
        (or-number 1.5) (or-number "1")
        (and-null '()) (and-null '(1))
        (ok? 1 1 '()) (ok? 1 1 '(3 5)) (ok? 1 1 '(2))))

(let loop ((i 0) (r #f))
  (if (< i 300)
      (loop (+ i 1) (run))
      (begin (write r) (newline))))

;; Machine code tests a value's type once and trusts it where that test
;; dominates (jit/type_facts.cpp). These cases must still check where the
;; test does not dominate: after a join, on a branch's false side, for a
;; different value. Every mode must give the same results and errors.
(import (scheme base) (scheme write))

(define (report thunk)
  (guard (e ((error-object? e) (display "error: ") (display (error-object-message e)) (newline))
            (#t (display "raised: ") (write e) (newline)))
    (write (thunk))
    (newline)))

;; car, then cdr of the same value: one check.
(define (both x) (cons (car x) (cdr x)))
;; A join: x is a pair on one side only; the cdr after it must check.
(define (join c x) (let ((a (if c (car x) 0))) (list a (cdr x))))
;; The false side of pair?: no fact there.
(define (sides x) (if (pair? x) (car x) (cdr x)))
;; A loop header is a join too: l changes every iteration.
(define (sum l) (let loop ((l l) (s 0)) (if (null? l) s (loop (cdr l) (+ s (car l))))))
(define (sum-bad l) (let loop ((l l) (s 0)) (if (eqv? s 3) (car l) (loop (cdr l) (+ s (car l))))))
;; vector-ref proves the vector and the index for the vector-set! after it.
(define (swap! v i j) (let ((a (vector-ref v i))) (vector-set! v i (vector-ref v j)) (vector-set! v j a) v))
;; set-cdr! and cadr prove their first argument a pair.
(define (relink! p q) (set-cdr! p q) (cadr p))
;; A fact about one value says nothing about another.
(define (two x y) (car x) (car y))

(let loop ((round 0))
  (when (< round 3)
    (report (lambda () (both '(1 . 2))))
    (report (lambda () (both 5)))
    (report (lambda () (join #t '(1 2))))
    (report (lambda () (join #f '(1 2))))
    (report (lambda () (join #f 7)))
    (report (lambda () (sides '(1 . 2))))
    (report (lambda () (sides "no")))
    (report (lambda () (sum '(1 2 3 4))))
    (report (lambda () (sum '(1 2 . 3))))
    (report (lambda () (sum-bad '(1 2 5 7))))
    (report (lambda () (sum-bad '(1 2))))
    (report (lambda () (swap! (vector 1 2 3) 0 2)))
    (report (lambda () (swap! (vector 1 2 3) 0 3)))
    (report (lambda () (swap! (vector 1 2 3) 'a 1)))
    (report (lambda () (swap! "abc" 0 1)))
    (report (lambda () (relink! (list 1 2) (list 3 4))))
    (report (lambda () (relink! (list 1 2) 5)))
    (report (lambda () (relink! 'p 5)))
    (report (lambda () (two '(1) '(2))))
    (report (lambda () (two '(1) 2)))
    (loop (+ round 1))))

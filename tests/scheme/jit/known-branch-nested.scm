;; known_branch_conditions (jit/simplify.cpp) on nested tests of one
;; predicate's boolean: the inner branch then tests the constant the pass
;; made (a value it must not look up as a predicate), and a block given a
;; constant may itself end in a branch on a predicate it defines (whose
;; instruction the insertion moved).
(define (q x) (let ((b (> x 0))) (if b (if b 'a 'b) (if b 'c 'd))))
(define (h x y) (let ((e (eq? x y))) (if e (vector e) (if (not e) (cons e e) 'x))))
(define (n l) (let ((p (pair? l))) (if p (if (null? (cdr l)) (list p 'one) (list p 'more)) (if p 'never (list p)))))
(define (go) (list (q 1) (q -1) (q 0.5) (h 'a 'a) (h 'a 'b) (n '(1)) (n '(1 2)) (n 3)))
(define (rep i) (if (= i 0) (go) (begin (go) (rep (- i 1)))))
(display (rep 200))
(newline)
;; disassemble lowers q even with --jit=off.
(let ((port (open-output-string)))
  (parameterize ((current-output-port port)) (disassemble q))
  (display (> (string-length (get-output-string port)) 0))
  (newline))

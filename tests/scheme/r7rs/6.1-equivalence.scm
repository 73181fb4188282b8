; R7RS 6.1: eqv?, eq?, equal? -- the report's examples and numeric edge cases.
(define (t . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
; eqv? true cases
(t (eqv? 'a 'a) (eqv? '() '()) (eqv? 100000000 100000000) (eqv? 2 2) (eqv? #\a #\a))
(t (eqv? (expt 2 100) (expt 2 100)) (eqv? 1/3 (/ 2 6)) (eqv? 1.5 1.5))
(let ((p (lambda (x) x))) (t (eqv? p p)))
(t (eqv? (string->symbol "abc") 'abc))
; eqv? false cases
(t (eqv? 'a 'b) (eqv? 2 2.0) (eqv? 0.0 -0.0) (eqv? (cons 1 2) (cons 1 2)) (eqv? #f '()))
(t (eqv? (lambda () 1) (lambda () 2)) (eqv? 100000000 100000001) (eqv? 1 1/1) (eqv? "a" 'a))
(t (eqv? +nan.0 +nan.0))   ; unspecified in R7RS; Kiln: #t (same bits)
; generators
(define gen-counter
  (lambda ()
    (let ((n 0))
      (lambda () (set! n (+ n 1)) n))))
(t (let ((g (gen-counter))) (eqv? g g)) (eqv? (gen-counter) (gen-counter)))
(t (let ((x '(a))) (eqv? x x)))
; eq?
(t (eq? 'a 'a) (eq? (list 'a) (list 'a)) (eq? '() '()) (eq? car car))
(t (let ((x '(a))) (eq? x x)) (let ((x '#())) (eq? x x)) (let ((p (lambda (x) x))) (eq? p p)))
(t (eq? #\x #\x) (eq? 7 7) (eq? #t #t) (eq? (eof-object) (eof-object)))
; equal?
(t (equal? 'a 'a) (equal? '(a) '(a)) (equal? '(a (b) c) '(a (b) c)) (equal? "abc" "abc"))
(t (equal? 2 2) (equal? (make-vector 5 'a) (make-vector 5 'a)) (equal? 2 2.0) (equal? "abc" "abC"))
(t (equal? #u8(1 2 3) #u8(1 2 3)) (equal? #u8(1 2) #u8(1 2 3)) (equal? #(1 #(2 "x")) #(1 #(2 "x"))))
(t (equal? '(1 . 2) '(1 . 2)) (equal? '(1 2) '(1 2 . ())) (equal? #\λ #\λ) (equal? "λx" "λx"))
(t (equal? (expt 3 80) (expt 3 80)) (equal? 0.0 -0.0))
; equal? on cyclic data terminates
(define a (list 1 2)) (set-cdr! (cdr a) a)
(define b (list 1 2)) (set-cdr! (cdr b) b)
(t (equal? a b))
(define c (list 1 2 1 2)) (set-cdr! (cdddr c) c)
(t (equal? a c))

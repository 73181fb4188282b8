; run-on-tier runs one call on the chosen tier; results agree.
(define (poly x) (+ (* 3 x x) (* -2 x) 7))
(define (sum-list l) (if (null? l) 0 (+ (car l) (sum-list (cdr l)))))
(define (variadic a . rest) (list a rest))
(write (list (run-on-tier 'vm poly 5) (run-on-tier 'jit poly 5))) (newline)
(write (list (run-on-tier 'vm sum-list '(1 2 3 4)) (run-on-tier 'jit sum-list '(1 2 3 4)))) (newline)
(write (list (run-on-tier 'vm variadic 1 2 3) (run-on-tier 'jit variadic 1))) (newline)
(write (run-on-tier 'vm (lambda () (run-on-tier 'jit poly 1)))) (newline)

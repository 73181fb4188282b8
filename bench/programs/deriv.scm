;;; deriv: symbolic differentiation of a polynomial expression, repeated;
;;; list allocation, symbols, quasi-structural recursion with cond/eq?.
;;; quick: 1000 => 556000
;;; default: 500000 => 278000000
(define (deriv e)
  (cond ((number? e) 0)
        ((symbol? e) (if (eq? e 'x) 1 0))
        ((eq? (car e) '+) (cons '+ (map deriv (cdr e))))
        ((eq? (car e) '-) (cons '- (map deriv (cdr e))))
        ((eq? (car e) '*)
         (list '* e
               (cons '+ (map (lambda (a) (list '/ (deriv a) a)) (cdr e)))))
        ((eq? (car e) '/)
         (list '- (list '/ (deriv (cadr e)) (caddr e))
               (list '/ (cadr e)
                     (list '* (caddr e) (caddr e) (deriv (caddr e))))))
        (else 'unknown)))

;; Count the pairs in a tree, so the whole result is traversed.
(define (size t)
  (if (pair? t) (+ 1 (size (car t)) (size (cdr t))) 0))

(define expr '(+ (* 3 x x) (* a x x) (* b x) 5 (/ (* x y) (+ x 1))))

(define (run reps)
  (let loop ((i 0) (total 0))
    (if (= i reps)
        total
        (loop (+ i 1) (+ total (size (deriv (deriv expr))))))))

(bench-result (run (bench-arg 0 500000)))

;;; closures: higher-order code: fold/map/filter written here, composed
;;; closures, and Church numerals; closure creation and indirect calls.
;;; quick: 100 50 => 441575
;;; default: 1000 100000 => 2575053150000
(define (fold f acc l)
  (if (null? l) acc (fold f (f (car l) acc) (cdr l))))
(define (my-map f l)
  (if (null? l) '() (cons (f (car l)) (my-map f (cdr l)))))
(define (my-filter p l)
  (cond ((null? l) '())
        ((p (car l)) (cons (car l) (my-filter p (cdr l))))
        (else (my-filter p (cdr l)))))
(define (compose f g) (lambda (x) (f (g x))))
(define (adder n) (lambda (x) (+ x n)))

(define (church n) (lambda (f) (lambda (x) (let loop ((i 0) (x x)) (if (= i n) x (loop (+ i 1) (f x)))))))
(define (church-add a b) (lambda (f) (lambda (x) ((a f) ((b f) x)))))
(define (church-mul a b) (lambda (f) (a (b f))))
(define (unchurch c) ((c (lambda (x) (+ x 1))) 0))

(define (range n)
  (let loop ((i n) (l '())) (if (= i 0) l (loop (- i 1) (cons i l)))))

(define (round1 l k)
  (let* ((f (compose (adder k) (lambda (x) (* x 3))))
         (mapped (my-map f l))
         (evens (my-filter even? mapped))
         (sum (fold + 0 evens))
         (c (unchurch (church-mul (church (remainder k 10)) (church-add (church 3) (church 4))))))
    (+ sum c)))

(define (run n reps)
  (let ((l (range n)))
    (let loop ((k 0) (total 0))
      (if (= k reps)
          total
          (loop (+ k 1) (+ total (round1 l k)))))))

(bench-result (run (bench-arg 0 1000) (bench-arg 1 100000)))

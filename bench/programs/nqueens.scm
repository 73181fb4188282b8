;;; nqueens: count all solutions of the n-queens problem with lists;
;;; allocation of short lists, recursion, and list traversal.
;;; quick: 6 1 => 4
;;; default: 12 5 => 14200
(define (iota1 n)
  (let loop ((i n) (l '()))
    (if (= i 0) l (loop (- i 1) (cons i l)))))

(define (queens board-size)
  (define (ok? row dist placed)
    (or (null? placed)
        (and (not (= (car placed) (+ row dist)))
             (not (= (car placed) (- row dist)))
             (ok? row (+ dist 1) (cdr placed)))))
  (define (try x y z)
    (if (null? x)
        (if (null? y) 1 0)
        (+ (if (ok? (car x) 1 z)
               (try (append (cdr x) y) '() (cons (car x) z))
               0)
           (try (cdr x) (cons (car x) y) z))))
  (try (iota1 board-size) '() '()))

(define (run n reps)
  (let loop ((i 0) (r 0))
    (if (= i reps) r (loop (+ i 1) (queens n)))))

(bench-result (run (bench-arg 0 12) (bench-arg 1 5)))

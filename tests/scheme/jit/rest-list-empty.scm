;; A compiled function taking a rest list builds it with no call when no
;; argument is beyond the required ones; otherwise a fresh list, in order.
(define (f a . more) (if (null? more) (list 'none a) (cons a more)))
(define (g . all) all)
(define (run i)
  (list (f i) (f i 'x) (f i 'x 'y) (g) (g i) (apply f i '()) (apply f i '(p q)) (apply g '())))
(let loop ((i 0)) (when (< i 300) (run i) (loop (+ i 1))))
(write (run 7))
(newline)
(define l1 (g 1 2))
(define l2 (g 1 2))
(write (list (eq? l1 l2) (equal? l1 l2) (eq? (g) '())))
(newline)

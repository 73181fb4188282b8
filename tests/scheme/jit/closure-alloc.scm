;; Closures made by machine code: inline for up to six free variables,
;; through the runtime beyond; many of them, so collections happen while
;; they are alive.
(define (make a b c d e f g h)
  (list (lambda () 0)
        (lambda () a)
        (lambda () (list a b c))
        (lambda () (list a b c d e f))
        (lambda () (list a b c d e f g))
        (lambda () (list a b c d e f g h))))
(define (run n acc)
  (if (= n 0)
      acc
      (run (- n 1) (cons (make n 'b "c" #\d 5.5 '(f) (vector n) (- n)) (if (pair? acc) (list (car acc)) '())))))
(for-each (lambda (k) (write (k)) (newline)) (car (run 20000 '())))
(define counters
  (let loop ((i 0) (l '()))
    (if (= i 1000) l (loop (+ i 1) (cons (let ((n i)) (lambda () (set! n (+ n 1)) n)) l)))))
(write (map (lambda (c) (c) (c)) (list (car counters) (cadr counters) (list-ref counters 999))))
(newline)

;; Pairs are headerless 16-byte slots (value.h, gc.h), tagged 101: the
;; collector must keep a pair alive through its tagged word, and keep what
;; its car and cdr hold. Literal pairs live outside the collector's heap
;; (runtime/literal.h), which scans them as a root: a fresh string quoted
;; by `eval` is reachable only through a literal pair, and must survive.
;; KILN_GC_STRESS (the .env) collects every few allocations.

(define (fresh i) (string-append "s" (number->string i)))

;; Lists of lists, alists and improper tails, each holding fresh strings.
(define (build n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        acc
        (loop (+ i 1)
              (cons (list (fresh i) (cons (fresh (+ i 1)) (exact->inexact (/ i 4))) (vector (fresh i)))
                    acc)))))

(define (churn n)                        ; garbage pairs, so that collections happen
  (let loop ((i 0) (acc '()))
    (if (= i n) (length acc) (loop (+ i 1) (if (> (length acc) 40) '() (cons i acc))))))

(define objects (build 100))
(display (churn 1500)) (newline)

(define (check objects)
  (let loop ((l objects) (i 99) (bad 0))
    (if (null? l)
        bad
        (let ((o (car l)))
          (loop (cdr l) (- i 1)
                (+ bad
                   (if (and (string=? (car o) (fresh i))
                            (string=? (car (cadr o)) (fresh (+ i 1)))
                            (= (cdr (cadr o)) (exact->inexact (/ i 4)))
                            (string=? (vector-ref (caddr o) 0) (fresh i)))
                       0 1)))))))
(display (check objects)) (newline)

;; Literal pairs made at run time: their strings, flonums and bignums are
;; held by nothing else once eval returns.
(define env (environment '(scheme base)))
(define (quoted-at-run-time i)
  (eval (list 'quote (list (fresh i) (exact->inexact (/ i 3)) (expt 3 (+ 70 i)) (list (fresh (* 2 i)))))
        env))
(define literals (let loop ((i 0) (acc '())) (if (= i 20) acc (loop (+ i 1) (cons (quoted-at-run-time i) acc)))))
(display (churn 1500)) (newline)
(define (check-literals l i bad)
  (if (null? l)
      bad
      (let ((o (car l)))
        (check-literals (cdr l) (- i 1)
                        (+ bad (if (and (string=? (car o) (fresh i))
                                        (= (cadr o) (exact->inexact (/ i 3)))
                                        (= (caddr o) (expt 3 (+ 70 i)))
                                        (string=? (car (cadddr o)) (fresh (* 2 i))))
                                   0 1))))))
(display (check-literals literals 19 0)) (newline)
(display (guard (e (#t (error-object-message e))) (set-car! (car literals) 'x))) (newline)

;; A circular list survives collections and still prints with a label.
(define ring (list 'a 'b 'c))
(set-cdr! (cddr ring) ring)
(display (churn 500)) (newline)
(write ring) (newline)

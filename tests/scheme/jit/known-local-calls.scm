;; Calls of a letrec-bound lambda from another closure (a free variable
;; that always holds a closure of that lambda: ir::Function::known_free)
;; jump straight to its code when the JIT saw which (jit/emit_calls.cpp,
;; known_local_callee). Several instances of the enclosing function, each
;; with its own closures; tail and non-tail calls; the variable read before
;; its letrec initialized it.
(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e)))
            (#t (list 'raised e)))
    (thunk)))
(define (cpstak x y z)
  (define (tak x y z k)
    (if (not (< y x))
        (k z)
        (tak (- x 1) y z
             (lambda (v1)
               (tak (- y 1) z x
                    (lambda (v2)
                      (tak (- z 1) x y
                           (lambda (v3)
                             (tak v1 v2 v3 k)))))))))
  (tak x y z (lambda (a) a)))
(write (list (cpstak 18 12 6) (cpstak 12 8 4) (cpstak 18 12 6))) (newline)
(define (queens board-size)
  (define (ok? row dist placed)
    (or (null? placed)
        (and (not (= (car placed) (+ row dist)))
             (not (= (car placed) (- row dist)))
             (ok? row (+ dist 1) (cdr placed)))))
  (define (try x y z)
    (if (null? x)
        (if (null? y) 1 0)
        (+ (if (ok? (car x) 1 z) (try (append (cdr x) y) '() (cons (car x) z)) 0)
           (try (cdr x) (cons (car x) y) z))))
  (define (iota1 n) (let loop ((i n) (l '())) (if (= i 0) l (loop (- i 1) (cons i l)))))
  (try (iota1 board-size) '() '()))
(write (map queens '(4 5 6 7 8))) (newline)
;; Each call makes new closures of the same lambdas, with different free
;; variables.
(define (counter-pair start)
  (define (up n) (if (> n 0) (down (- n 1) (+ start 1)) start))
  (define (down n acc) (if (> n 0) (up (- n 1)) (* acc 2)))
  (lambda (n) (up n)))
(define counters (map counter-pair '(1 10 100)))
(let repeat ((i 0) (acc '()))
  (if (< i 200)
      (repeat (+ i 1) (map (lambda (c) (c 7)) counters))
      (begin (write acc) (newline))))
;; Read before the letrec initialized it: the error naming `b`, as on the
;; VM -- also once `a` was compiled from calls that found `b` initialized.
(define (early flag)
  (letrec ((a (lambda () (b 1)))
           (x (if flag (a) 0))
           (b (lambda (n) n)))
    (if flag x (begin (b 0) (b 0) (a)))))
(write (let repeat ((i 0) (sum 0)) (if (< i 300) (repeat (+ i 1) (+ sum (early #f))) sum))) (newline)
(write (message (lambda () (early #t)))) (newline)
(write (message (lambda () (early #t)))) (newline)

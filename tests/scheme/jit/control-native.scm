; Control transfers made by machine code itself (jit/control.h): call/cc
; captured in compiled code (normal and tail calls), continuations called
; from it (escapes and re-entries), returns into frames sealed by a
; capture, apply (closures with and without rest lists, primitives,
; case-lambda, control primitives), and the errors of those calls. Each
; procedure is called a few hundred times first, so that in tiered mode the
; later calls run as machine code; the output is the same in every mode.
(define (show x) (write x) (newline))
(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (< i n) (loop (+ i 1) (thunk)) r)))

; Escapes: a non-tail and a tail call/cc whose receivers escape or return.
(define (find-first pred l)
  (call/cc (lambda (return) (for-each (lambda (x) (if (pred x) (return x))) l) #f)))
(define (plus-one-cc x) (+ 1 (call/cc (lambda (k) (if (> x 5) (k (* x 10)) x)))))
(show (repeat 300 (lambda () (list (find-first even? '(1 3 4 5)) (find-first even? '(1 3))
                                   (plus-one-cc 3) (plus-one-cc 7)))))

; ctak: every return goes through call/cc.
(define (ctak x y z) (call/cc (lambda (k) (ctak-aux k x y z))))
(define (ctak-aux k x y z)
  (if (not (< y x))
      (k z)
      (call/cc
       (lambda (k)
         (ctak-aux k
                   (call/cc (lambda (k) (ctak-aux k (- x 1) y z)))
                   (call/cc (lambda (k) (ctak-aux k (- y 1) z x)))
                   (call/cc (lambda (k) (ctak-aux k (- z 1) x y))))))))
(show (repeat 20 (lambda () (ctak 12 8 4))))

; One continuation, captured in compiled code, re-entered many times; the
; frame it returns into holds its captured values each time.
(define (reenter n)
  (let ((k #f) (calls 0))
    (let ((v (call/cc (lambda (c) (set! k c) 0))))
      (set! calls (+ calls 1))
      (if (< v n) (k (+ v 1)) (list v calls)))))
(show (repeat 200 (lambda () (reenter 50))))
(show (reenter 100000))

; A receiver that returns normally into the (sealed) capturing frame, whose
; continuation is re-entered afterwards, several frames deep.
(define saved #f)
(define (deep n)
  (if (= n 0)
      (call/cc (lambda (k) (set! saved k) 0))
      (+ 1 (deep (- n 1)))))
(define (deep-reentries)
  (let ((results '()))
    (let ((v (deep 50)))
      (set! results (cons v results))
      (if (< (length results) 4) (saved (* 100 (length results))))
      (reverse results))))
(show (repeat 300 deep-reentries))

; Generators: two tree walks compared leaf by leaf, switching between
; continuations at every leaf.
(define (tree-generator tree)
  (define return #f)
  (define resume
    (lambda (ignored)
      (let walk ((t tree))
        (if (pair? t)
            (begin (walk (car t)) (walk (cdr t)))
            (call/cc (lambda (k) (set! resume k) (return t)))))
      (return 'done)))
  (lambda () (call/cc (lambda (r) (set! return r) (resume #f)))))
(define (same-fringe? a b)
  (let ((g1 (tree-generator a)) (g2 (tree-generator b)))
    (let loop ()
      (let ((x (g1)) (y (g2)))
        (cond ((not (eqv? x y)) #f) ((eq? x 'done) #t) (else (loop)))))))
(show (repeat 100 (lambda () (list (same-fringe? '((1 2) (3 (4 5))) '(1 (2 3) 4 5))
                                   (same-fringe? '((1 2) 3) '(1 (2 4)))))))

; Escapes and re-entries through dynamic-wind run the thunks in order.
(define trail '())
(define (note x) (set! trail (cons x trail)))
(define (wind-escape)
  (call/cc (lambda (k)
             (dynamic-wind (lambda () (note 'in))
                           (lambda () (k 'escaped) 'not-here)
                           (lambda () (note 'out))))))
(define wind-k #f)
(define (wind-reenter)
  (let ((n 0))
    (dynamic-wind (lambda () (note 'before))
                  (lambda () (call/cc (lambda (k) (set! wind-k k))) (set! n (+ n 1)))
                  (lambda () (note 'after)))
    (if (< n 3) (wind-k #f))
    n))
(repeat 300 (lambda () (set! trail '()) (list (wind-escape) (wind-reenter))))
(show (list (wind-escape) (wind-reenter) (reverse trail)))

; apply: no arguments, a rest list, many arguments, primitives in tail and
; non-tail position, case-lambda, control primitives and continuations.
(define (three a b c) (list a b c))
(define (rest a . r) (list a r))
(define (none) 'none)
(define cl (case-lambda ((a) (list 'one a)) ((a b) (list 'two a b)) ((a . r) (list 'many a r))))
(define (sum-prim l) (apply + l))
(define (sum-prim-nontail l) (+ 1 (apply + 1 2 l)))
(define (apply-tests)
  (list (apply none '()) (apply none) (apply three 1 '(2 3)) (apply three '(1 2 3)) (apply three 1 2 3 '())
        (apply rest 1 '()) (apply rest '(1 2 3)) (apply rest 1 2 '(3 4))
        (apply cl '(1)) (apply cl 1 '(2)) (apply cl 1 2 '(3))
        (sum-prim '(1 2 3 4)) (sum-prim-nontail '(10 20))
        (apply apply three '(1 (2 3)))
        (+ 1 (apply call/cc (list (lambda (k) (k 41)))))
        (call/cc (lambda (k) (apply k '(escaped-by-apply))))
        (call-with-values (lambda () (apply values 1 '(2 3))) list)))
(show (repeat 300 apply-tests))
(define long (let loop ((i 0) (l '())) (if (= i 2000) l (loop (+ i 1) (cons i l)))))
(show (repeat 300 (lambda () (list (apply + long) (length (cadr (apply rest long))) (sum-prim long)))))

; Errors of apply show the same message in every mode.
(define (message thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (thunk)))
(define (apply-errors)
  (list (message (lambda () (apply three '(1 2))))
        (message (lambda () (apply three 1 2 3 '(4))))
        (message (lambda () (apply rest '())))
        (message (lambda () (apply three '(1 2 . 3))))
        (message (lambda () (apply car '(1))))
        (message (lambda () (apply cl '())))
        (message (lambda () (apply 5 '(1))))
        (message (lambda () (+ 1 (apply call/cc '(1 2)))))))
(show (repeat 300 apply-errors))

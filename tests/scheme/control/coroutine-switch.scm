; Coroutine switches through call/cc: a generator returning to its caller
; through the caller's continuation finds the caller's frame intact in place
; (Thread::left_chunk, vm/continuation.h) and copies nothing back. These
; check the cases where that must not be believed: the caller's frame
; changed or overwritten by the other side, an old continuation of the
; caller re-entered after the caller moved on, generators over trees of
; different shapes (their frames lie at different depths and addresses),
; and a coroutine that escapes below its caller before returning. Each
; procedure runs a few hundred times so that in tiered mode later calls are
; machine code. The expected output is Chez Scheme's.
(define (show x) (write x) (newline))

; The benchmark's generator: walks a tree, one leaf per call, then 'done.
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

(define (fringe tree)
  (if (pair? tree) (append (fringe (car tree)) (fringe (cdr tree))) (list tree)))

; Leaf by leaf from two generators, with several locals live in the
; caller's frame across each switch (sum, count, prev, the pair a b).
(define (zip-generators t1 t2)
  (let ((g1 (tree-generator t1)) (g2 (tree-generator t2)))
    (let loop ((sum 0) (count 0) (prev '()) (acc '()))
      (let* ((a (g1)) (b (g2)))
        (if (or (eq? a 'done) (eq? b 'done))
            (list sum count (length acc) (reverse acc) a b)
            (loop (+ sum a b) (+ count 1) (cons a prev) (cons (list a b) acc)))))))

(define (left-comb n) (if (= n 0) 0 (cons (left-comb (- n 1)) n)))
(define (right-comb n) (if (= n 0) 0 (cons n (right-comb (- n 1)))))
(define (balanced d s) (if (= d 0) s (cons (balanced (- d 1) (* 2 s)) (balanced (- d 1) (+ (* 2 s) 1)))))

(define (check-zip t1 t2)
  (let ((r (zip-generators t1 t2)))
    (and (equal? (list-ref r 3)
                 (let loop ((a (fringe t1)) (b (fringe t2)))
                   (if (or (null? a) (null? b)) '() (cons (list (car a) (car b)) (loop (cdr a) (cdr b))))))
         (list (car r) (cadr r) (list-ref r 4) (list-ref r 5)))))

(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (< i n) (loop (+ i 1) (thunk)) r)))
(show (repeat 200 (lambda () (check-zip (balanced 4 1) (balanced 4 1)))))
(show (repeat 200 (lambda () (check-zip (left-comb 12) (right-comb 12)))))
(show (repeat 200 (lambda () (check-zip (right-comb 9) (balanced 3 5)))))
(show (repeat 200 (lambda () (check-zip (balanced 2 1) (left-comb 20)))))

; One generator re-entered many times from a frame whose locals change
; between calls.
(define (sum-squares-of-leaves tree)
  (let ((g (tree-generator tree)))
    (let loop ((acc 0) (n 0))
      (let ((x (g)))
        (if (eq? x 'done) (list acc n) (loop (+ acc (* x x)) (+ n 1)))))))
(show (repeat 300 (lambda () (sum-squares-of-leaves (balanced 6 0)))))

; The caller's continuation invoked twice: once by the generator (the fast
; return), and again later, after the caller's frame moved on and changed.
; The second return must see the frame as it was captured.
(define (return-twice)
  (let ((log '()) (saved #f) (n 0))
    (let* ((a 7)
           (b (* a 3))
           (x (call/cc (lambda (r)
                         (set! saved r)
                         ((lambda () (r (+ a b))))))))
      (set! n (+ n 1))
      (let ((y (* x 2)) (z (list a b x)))
        (set! log (cons (list y z) log))
        (if (< n 3) (saved (+ x 100)))
        (reverse log)))))
(show (repeat 300 return-twice))

; The coroutine escapes below its caller (to k0), runs a deep recursion
; there that overwrites the caller's frame in place, and only then returns
; to the caller through its continuation: the caller's frame must be
; copied back from the continuation.
(define (clobber n a b c) (if (= n 0) (list a b c) (let ((r (clobber (- n 1) (+ a 1) b c))) r)))
(define (escape-below-then-return)
  (let ((stage 0) (ret #f) (trace '()))
    (let ((v (call/cc (lambda (k0) k0))))
      (cond
        ((procedure? v)
         ; The caller: locals p q s live across the switch.
         (let* ((p 'p-val) (q (list 1 2 3)) (s "s-val")
                (got (call/cc (lambda (r) (set! ret r) (v 'clobber)))))
           (set! trace (cons (list got p q s) trace))
           (reverse trace)))
        (else
         ; Below the caller's frame: overwrite its place, then return to it.
         (set! trace (cons (clobber 30 0 'x 'y) trace))
         (ret 'returned))))))
(show (repeat 300 escape-below-then-return))

; A generator first run from a caller with a small frame and then resumed
; from one with a large frame at the same depth: its frames lie where the
; large frame's locals are, and write over them before it returns (it
; yields from a few calls deep and returns through them first). The large
; frame's locals must come back from its continuation.
(define (counter)
  (define return #f)
  (define (yield-deep n i)
    (if (= n 0)
        (call/cc (lambda (k) (set! resume k) (return i)))
        (let ((r (yield-deep (- n 1) i))) (+ r 0))))
  (define resume
    (lambda (ignored)
      (let loop ((i 0))
        (let ((j (yield-deep 3 i)))
          (loop (+ i j 1))))))
  (lambda () (call/cc (lambda (r) (set! return r) (resume 0)))))
(define (small-caller g) (let ((v (g))) v))
(define (large-caller g)
  (let* ((a (list 'a)) (b (list 'b a)) (c (cons b a)) (d (vector a b c))
         (e (string #\e)) (f (list e d)) (h (cons f e)) (i (list h h)))
    (let ((x (g)))
      (list x a b c d e f h i))))
(define (mixed-callers)
  (let ((g (counter)))
    (let* ((s (small-caller g)) (l1 (large-caller g)) (l2 (large-caller g)))
      (list s l1 l2))))
(show (repeat 300 mixed-callers))

;; Closed lambdas (analyze.h, Lambda::closed): internal defines that read no
;; variable of the function around them, other than each other, have one
;; closure, a constant, and calls of it from other closures jump straight to
;; its code (jit/constant_calls.cpp). Each case runs often enough to be
;; compiled in tiered mode, and runs once more on each tier.
(define (check name thunk expected)
  (let ((vm (run-on-tier 'vm thunk)) (jit (run-on-tier 'jit thunk)))
    (write (list name (thunk) (equal? vm expected) (equal? jit expected))) (newline)))
(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (< i n) (loop (+ i 1) (thunk)) r)))

;; Self recursion through continuations: each continuation calls tak, the
;; constant (it no longer captures it).
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
(check 'cpstak (lambda () (repeat 2 (lambda () (cpstak 18 12 6)))) 7)

;; Mutual recursion, in tail and non-tail calls, and a closed lambda that
;; calls another only from a closure it makes.
(define (parity n)
  (define (ev? k) (if (= k 0) #t (od? (- k 1))))
  (define (od? k) (if (= k 0) #f (ev? (- k 1))))
  (define (count-evens l) (if (null? l) 0 (+ (if (ev? (car l)) 1 0) (count-evens (cdr l)))))
  (define (later k) (lambda () (od? k)))
  (list (ev? n) (count-evens '(1 2 3 4 5 6)) ((later n))))
(check 'parity (lambda () (repeat 300 (lambda () (parity 51)))) '(#f 3 #t))

;; Reading a variable of the enclosing function makes a lambda not closed,
;; and so every lambda that refers to it.
(define (scaled factor)
  (define (scale x) (* x factor))                ; reads factor: not closed
  (define (twice x) (scale (scale x)))           ; refers to scale: not closed
  (define (square x) (* x x))                    ; closed
  (define (sum-squares l) (if (null? l) 0 (+ (square (car l)) (sum-squares (cdr l)))))  ; closed
  (map (lambda (x) (twice (sum-squares (list x 1)))) '(1 2 3)))
(check 'scaled (lambda () (repeat 300 (lambda () (scaled 3)))) '(18 45 90))

;; eq?-ness: R7RS lets two evaluations of one lambda with the same free
;; variables be eqv?. A closed lambda has one closure; one that captures a
;; variable gets a new closure per evaluation.
(define (closed-one) (define (id x) x) id)
(define (open-one y) (define (add x) (+ x y)) add)
(write (list (eq? (closed-one) (closed-one)) (eq? (open-one 1) (open-one 1))
             ((closed-one) 'same) ((open-one 2) 3)))
(newline)

;; set! on an internal define: not known, so not closed; nor is a lambda
;; that refers to it.
(define (reassigned n)
  (define (f x) (+ x 1))
  (define (g x) (f (f x)))
  (if (> n 0) (set! f (lambda (x) (* x 10))))
  (g n))
(check 'reassigned (lambda () (repeat 300 (lambda () (list (reassigned 0) (reassigned 2))))) '(2 200))

;; A global a closed lambda calls, redefined after its code was compiled:
;; the call sees the new definition.
(define (helper x) (+ x 1))
(define (via-helper n)
  (define (go k acc) (if (= k 0) acc (go (- k 1) (helper acc))))
  (define (start) (go n 0))
  (start))
(write (repeat 300 (lambda () (via-helper 10)))) (newline)
(set! helper (lambda (x) (+ x 2)))
(write (via-helper 10)) (newline)
(define (helper x) (- x 1))
(check 'redefined (lambda () (via-helper 10)) -10)

;; call/cc re-entry through a closed lambda: a generator of a tree's leaves
;; that re-enters its walk, which calls the closed walker from closures.
(define (leaves tree)
  (define (walk t yield) (cond ((null? t) 'done)
                               ((pair? t) (walk (car t) yield) (walk (cdr t) yield))
                               (else (yield t))))
  (define resume #f)
  (define out '())
  (let ((r (call/cc (lambda (return)
                      (walk tree (lambda (leaf)
                                   (call/cc (lambda (k) (set! resume k) (return leaf)))))
                      'end))))
    (if (eq? r 'end)
        (reverse out)
        (begin (set! out (cons r out)) (resume #f)))))
(check 'leaves (lambda () (repeat 100 (lambda () (leaves '((1 2) (3 (4)) 5))))) '(1 2 3 4 5))

;; Not closed, but called where its closure was just made (twice, not in
;; tail position, so not contified): those calls jump to its code too; with
;; the wrong number of arguments, the arity error.
(define (made n)
  (define (g x) (+ x n))
  (+ (g 1) (g 2)))
(define (made-bad n)
  (define (g x) (+ x n))
  (guard (e ((error-object? e) 'arity-error))
    (+ (g 1) (g 2 3))))
(check 'made (lambda () (repeat 300 (lambda () (list (made 10) (made-bad 1))))) '(23 arity-error))

;; A closed lambda the JIT may not compile: calls of it from compiled code
;; go to the VM's code.
(define (on-vm n)
  (define (slow x) (if (= x 0) 'vm (slow (- x 1))))
  (define (call-it x) ((lambda (y) (slow y)) x))
  (jit-forbid! slow)
  (call-it n))
(check 'forbidden (lambda () (repeat 300 (lambda () (on-vm 3)))) 'vm)

;; A caller compiled before its closed callee, which is compiled after
;; (unless --jit=off): the call goes to the VM's code, then to the machine
;; code.
(define (staged)
  (define (callee x) (* x 2))
  (define (caller x) (+ 1 (callee x)))
  (list caller callee))
(define procs (staged))
(jit-compile! (car procs))
(write ((car procs) 20))
(jit-compile! (cadr procs))
(write (list ((car procs) 20) (eq? (cadr procs) (cadr (staged))))) (newline)

;; (disassemble): a closed lambda's listing says which constant is its own
;; closure; one that calls it (closed too) loads it as a constant, not a
;; free variable.
(define (contains? text part)
  (let ((n (string-length text)) (m (string-length part)))
    (let loop ((i 0))
      (cond ((> (+ i m) n) #f)
            ((string=? (substring text i (+ i m)) part) #t)
            (else (loop (+ i 1)))))))
(define (listing proc)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (disassemble proc))
    (get-output-string port)))
(define (shown proc parts)
  (let ((text (listing proc)))
    (map (lambda (part) (contains? text part)) parts)))
(define caller (car procs))
(write (list (shown (cadr procs) '("function callee (req 1, closed: K"))
             (shown caller '("function caller (req 1, closed: K" " = #<procedure callee>" "free-ref"))))
(newline)

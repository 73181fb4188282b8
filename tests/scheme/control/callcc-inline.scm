; (call/cc (lambda (k) body ...)) compiled inline (ir/build.cpp): the body
; runs in the capturing frame, k bound to the continuation of the call/cc
; expression. It must behave exactly like the call it replaces.

; Escape from the body, and normal completion.
(define (first-negative l)
  (call/cc
   (lambda (return)
     (for-each (lambda (x) (if (< x 0) (return x))) l)
     #f)))
(write (list (first-negative '(1 2 -3 4)) (first-negative '(1 2)))) (newline)

; The value arrives in the middle of an expression, with live values around.
(define (around x)
  (let ((a (* x 2)) (b (list x)))
    (list a (+ 1 (call/cc (lambda (k) (if (> x 0) (k (* 10 x)) (- x))))) b)))
(write (list (around 3) (around -4))) (newline)

; k stored and invoked after the frame returned: re-entry, several times,
; with an assigned variable of the re-entered frame (a box: one location).
(define saved #f)
(define (reenter)
  (let ((n 0) (log '()))
    (let ((v (call/cc (lambda (k) (set! saved k) 'first))))
      (set! n (+ n 1))
      (set! log (cons v log))
      (list n log))))
(define results '())
(let ((r (reenter)))
  (set! results (cons r results))
  (if (< (length results) 4) (saved (length results))))
(write (reverse results)) (newline)

; A generator: the walk's frame is re-entered once per leaf.
(define (tree->generator tree)
  (define return #f)
  (define resume
    (lambda (ignored)
      (let walk ((t tree))
        (cond ((null? t) 'skip)
              ((pair? t) (walk (car t)) (walk (cdr t)))
              (else (call/cc (lambda (k) (set! resume k) (return t))))))
      (return 'done)))
  (lambda () (call/cc (lambda (r) (set! return r) (resume #f)))))
(define g (tree->generator '((1 2) (3 (4 5)) 6)))
(let loop ((acc '()))
  (let ((x (g)))
    (if (eq? x 'done) (begin (write (reverse acc)) (newline)) (loop (cons x acc)))))

; amb, with an assigned local variable in the frame that is re-entered.
(define fail-stack '())
(define (fail) (if (null? fail-stack) (error "no more choices") ((car fail-stack))))
(define (amb choices)
  (call/cc
   (lambda (k)
     (for-each (lambda (c)
                 (call/cc (lambda (next)
                            (set! fail-stack (cons (lambda () (set! fail-stack (cdr fail-stack)) (next #f))
                                                   fail-stack))
                            (k c))))
               choices)
     (fail))))
(define (pythagorean)
  (let* ((tries 0)
         (a (amb '(1 2 3 4 5 6 7 8 9 10)))
         (b (amb '(1 2 3 4 5 6 7 8 9 10)))
         (c (amb '(1 2 3 4 5 6 7 8 9 10 11 12 13))))
    (set! tries (+ tries 1))
    (if (not (and (<= a b) (= (+ (* a a) (* b b)) (* c c)))) (fail))
    (list a b c tries)))
(write (pythagorean)) (newline)
(set! fail-stack '())

; dynamic-wind around the call/cc and inside its body.
(define trace '())
(define (note x) (set! trace (cons x trace)))
(define (wound escape?)
  (dynamic-wind
   (lambda () (note 'in))
   (lambda ()
     (call/cc
      (lambda (k)
        (dynamic-wind
         (lambda () (note 'in2))
         (lambda () (if escape? (k 'escaped) 'normal))
         (lambda () (note 'out2))))))
   (lambda () (note 'out))))
(write (list (wound #t) (wound #f) (reverse trace))) (newline)
; Re-entering through dynamic-wind runs the befores again.
(set! trace '())
(define again #f)
(define times 0)
(dynamic-wind
 (lambda () (note 'before))
 (lambda () (call/cc (lambda (k) (set! again k))) (set! times (+ times 1)))
 (lambda () (note 'after)))
(if (< times 3) (again #f))
(write (list times (reverse trace))) (newline)

; Multiple values through k, and k called with no values in a begin.
(call-with-values (lambda () (call/cc (lambda (k) (k 1 2 3)))) (lambda l (write l) (newline)))
(write (call-with-current-continuation (lambda (k) (begin (k 'long-name) 'no)))) (newline)

; k is an ordinary procedure value.
(write (let ((k (call/cc (lambda (k) k)))) (if (procedure? k) (k 'again) k))) (newline)

; Not inlined: a receiver that is not a lambda, and call/cc as a value.
(define (receiver k) (k 'from-receiver))
(write (list (call/cc receiver) (apply call/cc (list (lambda (k) (k 'applied)))))) (newline)
(write (map call/cc (list (lambda (k) 1) (lambda (k) (k 2))))) (newline)

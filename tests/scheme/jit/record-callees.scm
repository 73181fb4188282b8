;; Calls of define-record-type's procedures run inline (jit/record_calls.cpp)
;; when the callee held one as the calling function got hot: through a
;; global, an argument or a free variable; constructors too. Guards on the
;; callee and the record type send anything else to the call, so every
;; tier prints the same.
(define (show x) (write x) (newline))
(define (message thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (thunk)))
(define (repeat n thunk) (do ((i 0 (+ i 1))) ((= i n)) (thunk)))

(define-record-type node (make-node key left right) node?
  (key node-key) (left node-left set-node-left!) (right node-right set-node-right!))
;; A constructor naming only some fields, in another order.
(define-record-type pt (make-pt y x) pt? (x pt-x set-pt-x!) (y pt-y) (tag pt-tag set-pt-tag!))

(define (insert! root k)
  (let loop ((t root))
    (if (< k (node-key t))
        (if (node? (node-left t)) (loop (node-left t)) (set-node-left! t (make-node k #f #f)))
        (if (node? (node-right t)) (loop (node-right t)) (set-node-right! t (make-node k #f #f))))))
(define (tree-sum t)
  (if (node? t) (+ (node-key t) (tree-sum (node-left t)) (tree-sum (node-right t))) 0))
(define (build n)
  (let ((root (make-node (quotient n 2) #f #f)))
    (do ((i 0 (+ i 1))) ((= i n) root) (insert! root (modulo (* i 7919) n)))))
(show (tree-sum (build 200)))
(repeat 5 (lambda () (build 200)))
(show (tree-sum (build 200)))

;; The constructor's unnamed field, a modifier's result, a join after the call.
(define (pt-info p) (let ((x (pt-x p))) (list x (pt-y p) (pt-tag p) (set-pt-tag! p 't) (pt-tag p))))
(define (fresh) (pt-info (make-pt 2 1)))
(repeat 300 fresh)
(show (fresh))

;; Through an argument and a free variable: guarded by a compare.
(define (map-over f l) (if (null? l) '() (cons (f (car l)) (map-over f (cdr l)))))
(define (getter f) (lambda (x) (f x)))
(define pts (list (make-pt 2 1) (make-pt 4 3)))
(define get-x (getter pt-x))
(repeat 300 (lambda () (map-over pt-x pts) (get-x (car pts))))
(show (list (map-over pt-x pts) (map-over pt-y pts) (map-over pt? (list 1 (car pts)))
            (get-x (car pts)) ((getter pt-y) (car pts))))
(show (map-over (lambda (p) (* 10 (pt-x p))) pts))   ; another callee at the site
(show (message (lambda () (map-over pt-x (list 1)))))
(show (message (lambda () (get-x 'nope))))

;; Wrong types and arity, from hot code: the procedure's own errors.
(define (key-of x) (node-key x))
(define (set-left x v) (set-node-left! x v))
(define (mk a b) (make-pt a b))
(repeat 300 (lambda () (key-of (make-node 1 #f #f)) (set-left (make-node 1 #f #f) 2) (mk 1 2)))
(show (message (lambda () (key-of (make-pt 1 2)))))
(show (message (lambda () (set-left "str" 2))))
(show (message (lambda () (node-key))))
(show (pt-x (mk 5 6)))

;; The type's name rebound and restored, the constructor's name rebound.
(define saved-node node)
(define n1 (make-node 9 #f #f))
(set! node 'gone)
(show (message (lambda () (key-of n1))))
(show (message (lambda () (key-of (make-node 1 #f #f)))))
(show (message (lambda () (mk 1 2))))
(set! node saved-node)
(show (key-of (make-node 7 #f #f)))
(set! make-pt (lambda (a b) (list 'made a b)))
(show (mk 1 2))

;; A record procedure's global rebound to another type's procedure.
(define (right-of x) (node-right x))
(repeat 300 (lambda () (right-of (make-node 1 2 3))))
(set! node-right pt-y)
(show (right-of (car pts)))
(show (message (lambda () (right-of (make-node 1 2 3)))))

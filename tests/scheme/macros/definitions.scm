;; Macros that expand into definitions, at top level and in bodies;
;; internal define-syntax mixed with internal defines; macros defining macros.

(define (show . xs) (for-each display xs) (newline))

;; Definitions whose names come from the macro use are ordinary definitions.
(define-syntax define-two
  (syntax-rules ()
    ((_ a b) (begin (define a 1) (define b 2)))))
(define-two one two)
(show one " " two)

(define-syntax define-constant
  (syntax-rules () ((_ name value) (define name value))))
(define-constant pi-ish 314)
(show pi-ish)

;; A procedure definition through a macro, then redefined by the user.
(define-syntax define-adder
  (syntax-rules () ((_ name n) (define (name x) (+ x n)))))
(define-adder add5 5)
(show (add5 10))

;; In a body, mixed with ordinary and syntax definitions in any order.
(define (body-test)
  (define-syntax double (syntax-rules () ((_ e) (* 2 e))))
  (define a (double 3))
  (define-two p q)
  (define-syntax triple (syntax-rules () ((_ e) (* 3 (later e)))))
  (define (later x) (+ x a))
  (define-constant c (triple 1))
  (list a p q c))
(show (body-test))

;; Internal definitions in lambda, let, let*, letrec, named let bodies.
(show ((lambda () (define-two m n) (+ m n))))
(show (let () (define-constant k 9) k))
(show (let* ((z 1)) (define-two u v) (+ z u v)))
(show (let loop ((i 0)) (define-constant limit 3) (if (< i limit) (loop (+ i 1)) i)))

;; A body-level macro expanding to (begin) and to nested begins.
(define-syntax nothing (syntax-rules () ((_) (begin))))
(define-syntax nested-defs
  (syntax-rules () ((_ a b c) (begin (begin (define a 1)) (begin (define b 2) (define c 3))))))
(show (let () (nothing) (nested-defs r s t) (nothing) (list r s t)))
(nested-defs top-r top-s top-t)
(show (list top-r top-s top-t))

;; Internal macro shadowing a global macro, and a local variable shadowing
;; a global macro, in a body.
(define-syntax which (syntax-rules () ((_) 'global)))
(show (let () (define-syntax which (syntax-rules () ((_) 'local))) (which)))
(show (let () (define (which) 'variable) (which)))
(show (which))

;; Macros defining macros, at top level and inside a body.
(define-syntax be-like-begin
  (syntax-rules ()
    ((be-like-begin name)
     (define-syntax name
       (syntax-rules ()
         ((name expr (... ...))
          (begin expr (... ...))))))))
(be-like-begin sequence)
(show (sequence 1 2 3 4))
(show (let () (be-like-begin seq2) (seq2 'a 'b)))

(define-syntax def-alias-macro
  (syntax-rules ()
    ((_ name target) (define-syntax name (syntax-rules () ((_ . args) (target . args)))))))
(def-alias-macro plus +)
(show (plus 1 2 3))

;; A macro may stand for another macro's keyword (an alias).
(define-syntax my-seq sequence)
(show (my-seq 'x 'alias-works))

;; define-record-type, define-values, case-lambda, parameterize, delay and
;; do built by macros, with names from the use and names of their own.
(define-syntax define-point
  (syntax-rules ()
    ((_ make pred get-x get-y set-x!)
     (define-record-type point (make x y) pred (x get-x set-x!) (y get-y)))))
(define-point make-pt pt? pt-x pt-y set-pt-x!)
(define p1 (make-pt 3 4))
(set-pt-x! p1 30)
(show (pt? p1) " " (pt-x p1) " " (pt-y p1) " " (pt? 5))

(define-syntax define-hidden-record
  (syntax-rules ()
    ((_ make get)
     (begin
       (define-record-type thing (make-thing v) thing? (v thing-v))
       (define (make v) (make-thing v))
       (define (get t) (if (thing? t) (thing-v t) 'not-a-thing))))))
(define-hidden-record new-thing thing-value)
(show (thing-value (new-thing 'inside)) " " (thing-value 5))

(define-syntax define-div
  (syntax-rules () ((_ q r a b) (define-values (q r) (floor/ a b)))))
(define-div quo rem 17 5)
(show quo " " rem)
(show (let () (define-div q2 r2 -7 2) (list q2 r2)))

(define-syntax arity-dispatch
  (syntax-rules ()
    ((_ tag) (case-lambda ((a) (list tag a)) ((a b) (list tag a b)) ((a . rest) (list tag a rest))))))
(define ad (arity-dispatch 'ad))
(show (ad 1) (ad 1 2) (ad 1 2 3))

(define param (make-parameter 1))
(define-syntax with-param
  (syntax-rules () ((_ v body ...) (parameterize ((param v)) body ...))))
(show (with-param 2 (param)) " " (param))

(define-syntax lazy-sum
  (syntax-rules () ((_ a b) (delay (+ a b)))))
(show (force (lazy-sum 20 22)))

(define-syntax sum-to
  (syntax-rules ()
    ((_ n) (do ((i 0 (+ i 1)) (acc 0 (+ acc i))) ((> i n) acc)))))
(show (sum-to 10))

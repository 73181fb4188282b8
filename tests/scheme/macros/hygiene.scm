;; Hygiene both ways (R7RS 4.3): a macro's bindings never capture the
;; user's identifiers, and the user's local bindings never change what a
;; macro's free identifiers mean.

(define (show . xs) (for-each display xs) (newline))

;; R7RS 4.3.2: the temporary `temp` does not capture the user's `temp`.
(define-syntax my-or
  (syntax-rules ()
    ((my-or) #f)
    ((my-or e) e)
    ((my-or e1 e2 ...)
     (let ((temp e1))
       (if temp temp (my-or e2 ...))))))
(define temp 5)
(show (my-or #f temp))
(show (let ((x #f) (temp 'mine)) (my-or x temp)))

;; R7RS 4.3.2 (letrec-syntax): `let` and `if` rebound to procedures at the
;; use site do not disturb the `let` and `if` of my-or's template.
(show (letrec-syntax
          ((my-or (syntax-rules ()
                    ((my-or) #f)
                    ((my-or e) e)
                    ((my-or e1 e2 ...)
                     (let ((temp e1))
                       (if temp temp (my-or e2 ...)))))))
        (let ((x #f) (y 7) (temp 8) (let odd?) (if even?))
          (my-or x (let temp) (if y) y))))

;; A user's `if` and `list` rebound locally do not break a macro using them.
(define-syntax my-if
  (syntax-rules ()
    ((_ c a b) (cond (c a) (else b)))))
(show (let ((if list) (cond vector) (else #t)) (my-if #f 1 2)))
(define-syntax pair-up
  (syntax-rules () ((_ a b) (list a b))))
(show (let ((list vector)) (pair-up 1 2)))
(show (let ((let 'shadowed)) (my-or #f 'ok)))

;; R7RS 4.3.1: a let-syntax macro's free `if` is the outer one even where
;; the user has bound `if` as a variable.
(show (let ((x 'outer))
        (let-syntax ((m (syntax-rules () ((m) x))))
          (let ((x 'inner))
            (m)))))
(show (let-syntax ((given-that (syntax-rules ()
                                 ((_ test stmt1 stmt2 ...)
                                  (if test (begin stmt1 stmt2 ...))))))
        (let ((if #t))
          (given-that if (set! if 'now))
          if)))

;; swap! with a temporary named like the user's variable.
(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(define tmp 1)
(define other 2)
(swap! tmp other)
(show tmp " " other)
(let ((tmp 'x) (y 'y))
  (swap! tmp y)
  (show tmp " " y))

;; A macro's free identifier refers to the global at its definition, not to
;; a local of the same name at the use.
(define x 'global-x)
(define-syntax get-x (syntax-rules () ((_) x)))
(show (let ((x 'local-x)) (get-x)))
(define (f x) (get-x))
(show (f 'argument))

;; set! through a macro reaches the right variable.
(define counter 0)
(define-syntax bump! (syntax-rules () ((_) (set! counter (+ counter 1)))))
(let ((counter 100)) (bump!) (bump!))
(show counter)

;; Shadowing a macro keyword with a variable.
(define-syntax my-macro (syntax-rules () ((_) 'expanded)))
(show (let ((my-macro 5)) my-macro))
(show (let ((my-macro (lambda () 'procedure))) (my-macro)))
(define (g my-macro) (my-macro))
(show (g (lambda () 'parameter)))
(show (my-macro))

;; A macro-introduced binding inside a body does not capture the user's.
(define-syntax with-result
  (syntax-rules ()
    ((_ e body) (let ((result e)) body))))
(show (let ((result 'user)) (with-result 'macro result)))

;; Nested macro definitions: the inner macro's template identifiers come
;; from the outer macro's expansion and still resolve at the definition.
(define-syntax def-getter
  (syntax-rules ()
    ((_ name val)
     (begin
       (define hidden val)
       (define-syntax name (syntax-rules () ((_) hidden)))))))
(define hidden 'users-hidden)
(def-getter get-a 'a)
(def-getter get-b 'b)
(show (get-a) (get-b) " " hidden)

;; A definition introduced by a macro at top level is not visible to (and
;; does not clobber) the user's identifier of the same name.
(define-syntax def-secret
  (syntax-rules ()
    ((_ getter) (begin (define secret 42) (define (getter) secret)))))
(define secret 'users-secret)
(def-secret get-secret)
(show secret " " (get-secret))

;; Quoting a renamed identifier gives back the plain symbol.
(define-syntax quoted-names
  (syntax-rules () ((_) (list 'temp '(if let) `(a ,(+ 1 1) b) (vector 'x)))))
(define names (quoted-names))
(show names)
(show (eq? (car names) 'temp) (eq? (car (cadr names)) 'if) (symbol? (vector-ref (cadddr names) 0)))
(define-syntax case-of
  (syntax-rules () ((_ v) (case v ((a b) 'ab) ((c) 'c) (else 'other)))))
(show (case-of 'b) (case-of 'c) (case-of 'z))

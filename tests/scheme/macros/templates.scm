;; syntax-rules templates: ellipses at any depth, escapes, vectors, tails.

(define (show . xs) (for-each display xs) (newline))

;; Ellipsis after a subtemplate, and several ellipses to flatten.
(define-syntax my-let
  (syntax-rules ()
    ((_ ((name val) ...) body1 body2 ...)
     ((lambda (name ...) body1 body2 ...) val ...))))
(show (my-let ((a 1) (b 2)) (+ a b)))
(define-syntax flatten
  (syntax-rules () ((_ (a ...) ...) '(a ... ...))))
(show (flatten (1 2) () (3 4 5)))

;; Depth-3 templates rebuilding and regrouping their input.
(define-syntax regroup
  (syntax-rules ()
    ((_ (name (k v ...) ...) ...)
     '((name (k ...) (v ... ...)) ...))))
(show (regroup (x (a 1 2) (b 3)) (y) (z (c))))

;; A depth-0 variable repeated inside an ellipsis.
(define-syntax tag-all
  (syntax-rules () ((_ tag x ...) '((tag x) ...))))
(show (tag-all t 1 2 3))

;; Two variables of depth 1 under two ellipses: each iterates the innermost
;; ellipsis it can, the outer one going with the outer ellipsis.
(define-syntax cross
  (syntax-rules () ((_ (a ...) (b ...)) '((a b ...) ...))))
(show (cross (1 2) (x y z)))

;; Variables iterated together must match the same number of forms.
(define-syntax zip
  (syntax-rules () ((_ (a ...) (b ...)) '((a . b) ...))))
(show (zip (1 2 3) (x y z)))

;; Ellipsis followed by more template elements, and a dotted tail.
(define-syntax around
  (syntax-rules () ((_ x ...) '(start x ... end . tail))))
(show (around 1 2))
(define-syntax rest-of
  (syntax-rules () ((_ a . b) '(b . a))))
(show (rest-of 1 2 3))

;; Vector templates.
(define-syntax vecs
  (syntax-rules () ((_ (a b ...) ...) '#(#(a ...) #(b ... ...) x))))
(show (vecs (1 2 3) (4) (5 6)))
(define-syntax vector-of
  (syntax-rules () ((_ e ...) (vector e ... 'end))))
(show (vector-of (+ 1 2) (* 2 3)))

;; (... ...) produces a literal ellipsis; (... template) escapes a whole
;; template, so a macro can write a macro that uses ellipses.
(define-syntax quote-dots
  (syntax-rules () ((_ x) '(x (... ...)))))
(show (quote-dots a))
(define-syntax escaped
  (syntax-rules () ((_ a) '(... (a ... (... ...))))))
(show (escaped 1))
(define-syntax def-lister
  (syntax-rules ()
    ((_ name)
     (define-syntax name
       (syntax-rules ()
         ((_ x (... ...)) (list 'name x (... ...))))))))
(def-lister lister)
(show (lister 1 2 3))

;; A custom ellipsis in a macro-writing macro avoids the escapes.
(define-syntax def-lister2
  (syntax-rules ()
    ((_ name)
     (define-syntax name
       (syntax-rules ::: ()
         ((_ x :::) (list 'name x :::)))))))
(def-lister2 lister2)
(show (lister2 4 5))

;; Constants in templates are returned as written.
(define-syntax consts
  (syntax-rules () ((_) '(1 "two" #\3 #t () #(4)))))
(show (consts))
(define-syntax self-eval
  (syntax-rules () ((_) (list 1 "two" #\3 #t #(4 five)))))
(write (self-eval))
(newline)

;; A pattern variable can stand for any datum, including a whole form.
(define-syntax twice
  (syntax-rules () ((_ e) (begin e e))))
(define n 0)
(twice (set! n (+ n 1)))
(show n)

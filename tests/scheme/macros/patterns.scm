;; syntax-rules patterns (R7RS 4.3.2): every kind of subpattern.

(define (show . xs) (for-each display xs) (newline))

;; Pattern variables, and `_` matching anything without binding.
(define-syntax second-of
  (syntax-rules () ((_ _ b . _) 'b)))
(show (second-of 1 2 3 4))
(show (second-of x y))

;; The keyword position is ignored, whatever it holds.
(define-syntax kw
  (syntax-rules () ((anything-at-all x) 'x)))
(show (kw 7))

;; Literals: match only the same binding (else, =>, and a user name).
(define-syntax lit
  (syntax-rules (=> else with)
    ((_ a => b) (list 'arrow a b))
    ((_ else) 'else-clause)
    ((_ a with b) (list 'with a b))
    ((_ other ...) (list 'no-literal 'other ...))))
(show (lit 1 => 2))
(show (lit else))
(show (lit 3 with 4))
(show (lit 5 without 6))
;; A local binding of a literal's name makes it a different identifier.
(show (let ((else 1)) (lit else)))
(show (let ((=> 0)) (lit 1 => 2)))

;; Non-identifier data in patterns are compared with equal?.
(define-syntax data
  (syntax-rules ()
    ((_ 1) 'one)
    ((_ "two") 'two)
    ((_ #\3) 'three)
    ((_ #t) 'true)
    ((_ ()) 'empty)
    ((_ x) 'other)))
(show (list (data 1) (data "two") (data #\3) (data #t) (data ()) (data 5)))

;; Ellipsis matching zero or more.
(define-syntax count
  (syntax-rules () ((_ x ...) (length '(x ...)))))
(show (count) " " (count a) " " (count a b c))

;; Ellipsis followed by more patterns: the tail is matched from the end.
(define-syntax ends
  (syntax-rules () ((_ a ... y z) '((a ...) y z))))
(show (ends 1 2 3 4 5))
(show (ends 1 2))
(define-syntax middle
  (syntax-rules () ((_ first mid ... last) '(first (mid ...) last))))
(show (middle 1 2 3 4))
(show (middle 1 2))

;; Dotted patterns, with and without an ellipsis.
(define-syntax dotted
  (syntax-rules () ((_ a . rest) '(a rest))))
(show (dotted 1 2 3))
(show (dotted 1))
(show (dotted 1 . 2))
(define-syntax dotted-ellipsis
  (syntax-rules () ((_ a b ... . r) '(a (b ...) r))))
(show (dotted-ellipsis 1 2 3 . 4))
(show (dotted-ellipsis 1 2 3))
(show (dotted-ellipsis 1))

;; Nested ellipses, to depth three.
(define-syntax depth2
  (syntax-rules () ((_ (k v ...) ...) '((k ...) (v ... ...)))))
(show (depth2 (a 1 2) (b) (c 3)))
(define-syntax depth3
  (syntax-rules () ((_ ((x ...) ...) ...) '(((x ...) ...) ...))))
(show (depth3 ((1 2) (3)) () ((4) () (5 6 7))))
(define-syntax depth3-flat
  (syntax-rules () ((_ ((x ...) ...) ...) '(x ... ... ...))))
(show (depth3-flat ((1 2) (3)) () ((4) () (5 6 7))))

;; Vector patterns, with ellipses and tails.
(define-syntax vec
  (syntax-rules ()
    ((_ #()) 'empty-vector)
    ((_ #(a b ... c)) '(a (b ...) c))
    ((_ #(a)) 'one)))
(show (vec #()))
(show (vec #(1 2 3 4)))
(show (vec #(1 2)))
(show (vec #(1)))
(define-syntax vec-nested
  (syntax-rules () ((_ #((a b) ...)) '((a ...) (b ...)))))
(show (vec-nested #((1 2) (3 4))))

;; A list pattern does not match a vector and vice versa.
(define-syntax shape
  (syntax-rules ()
    ((_ (x ...)) 'list)
    ((_ #(x ...)) 'vector)
    ((_ x) 'atom)))
(show (shape (1 2)) (shape #(1 2)) (shape 3))

;; A custom ellipsis identifier; `...` is then an ordinary identifier.
(define-syntax my-list-of-lists
  (syntax-rules ::: ()
    ((_ (a b :::) :::) '((b ::: a) :::))))
(show (my-list-of-lists (1 2 3) (4 5)))
(define-syntax dots-are-plain
  (syntax-rules ::: ()
    ((_ ... x :::) '(... (x :::)))))
(show (dots-are-plain first 1 2))

;; A literal `...` is not an ellipsis.
(define-syntax literal-dots
  (syntax-rules (...)
    ((_ a ...) 'a-then-dots)
    ((_ a b) 'two)))
(show (literal-dots 1 ...) " " (literal-dots 1 2))

;; Rules are tried in order.
(define-syntax first-rule
  (syntax-rules ()
    ((_ x) 'one)
    ((_ x y) 'two)
    ((_ x ...) 'many)))
(show (first-rule 1) (first-rule 1 2) (first-rule) (first-rule 1 2 3))

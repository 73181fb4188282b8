;; Quoting copies a datum's pairs into the literal range (runtime/literal.h).
;; The copy keeps the datum's shape: shared parts stay shared, cycles stay
;; cycles, vectors keep their lists (which become literal too), and one
;; quote is one object, however often it is evaluated.

(define (literal? p)                      ; a pair that set-car! refuses
  (guard (e (#t #t)) (set-car! p (car p)) #f))

;; Cycles through the cdr and through the car.
(define ring '#0=(a b c . #0#))
(write ring) (newline)
(display (eq? ring (cdddr ring))) (newline)
(display (literal? (cdr ring))) (newline)
(define knot '#1=((#1# . x) y))
(write knot) (newline)
(display (eq? knot (car (car knot)))) (newline)

;; Shared structure: both elements are the same literal list.
(define twice '(#2=(x y) #2#))
(write twice) (newline)
(display (eq? (car twice) (cadr twice))) (newline)
(display (literal? (car twice))) (newline)

;; Vectors of lists, quoted and self-evaluating; a vector holding itself.
(define table '#((1 2) (3 4)))
(write table) (newline)
(display (literal? (vector-ref table 0))) (newline)
(define bare #((5 6) "seven"))
(display (literal? (vector-ref bare 0))) (newline)
(define selfish '#3=#(1 #3# (2 #3#)))
(display (eq? selfish (vector-ref selfish 1))) (newline)
(display (eq? selfish (cadr (vector-ref selfish 2)))) (newline)
(display (equal? (vector-ref table 1) (list 3 4))) (newline)

;; The same quote gives the same object at every evaluation: called often
;; enough to run as machine code in tiered mode, and from two procedures.
(define (constant) '(the same list))
(define (from-a-loop n)
  (let loop ((i 0) (all-same #t) (first (constant)))
    (if (= i n)
        all-same
        (loop (+ i 1) (and all-same (eq? first (constant))) first))))
(display (from-a-loop 500)) (newline)
(define (other) (constant))
(display (eq? (constant) (other))) (newline)
;; Two quotes of equal data are two objects (R7RS allows sharing them; Kiln
;; does not merge them).
(display (equal? '(p q) '(p q))) (newline)

;; A quote inside a macro template: each use is its own quote, each the
;; same object every time it runs.
(define-syntax quoted-pair
  (syntax-rules () ((_ x) '(x . x))))
(define (mp) (quoted-pair k))
(write (mp)) (newline)
(display (eq? (mp) (mp))) (newline)
(display (literal? (mp))) (newline)

;; Literal lists are ordinary lists to everything that reads them.
(define alist '((a . 1) (b . 2) (c . 3)))
(write (assq 'b alist)) (newline)
(write (map cdr alist)) (newline)
(write (append '(1 2) '(3))) (newline)
(write (list->vector '(x y))) (newline)
(write (reverse '(1 2 3))) (newline)
(write (apply + '(1 2 3 4))) (newline)
(display (length '(1 2 3 4 5))) (newline)

; and, or and case in test position: each test branches straight to the
; clause it selects (ir/thread_branches.h); no boolean is materialized and
; tested again. The joins the builder made (b4 in `in-range`) are left
; unreachable.
(define (in-range x) (if (and (> x 0) (< x 10)) 'in 'out))
(define (either x) (if (or (eq? x 'a) (eq? x 'b)) 'yes 'no))
(define (kind x) (case x ((0) 'zero) ((1 2 3) 'small) ((a b) 'sym) ((1.5) 'float) (else 'other)))
; Not a test: the value of the or is used, so its join stays.
(define (first-true x y) (or x y))

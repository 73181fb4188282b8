; Mutually recursive closed lambdas (they read no variable of parity):
; each has one closure, a constant of every function that refers to it
; (its own constant table names it: "closed: K4"), and none is made.
(define (parity n)
  (define (ev? k) (if (= k 0) #t (od? (- k 1))))
  (define (od? k) (if (= k 0) #f (ev? (- k 1))))
  (ev? n))

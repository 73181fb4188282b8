;; R7RS 5.3.2: internal definitions are letrec*, so reading one before its
;; definition ran is an error. Uncaught, it names the variable and shows
;; where the read is, with the same message on every tier.
(define (area)
  (define (side) width)
  (define half (/ (side) 2))
  (define width 10)
  (* half half))
(display "before\n")
(display (area))
(newline)

; Mutually recursive closures over a variable of their letrec's lambda (so
; not closed): made with a placeholder for the other, then patched.
(define (parity n zero)
  (define (ev? k) (if (= k zero) #t (od? (- k 1))))
  (define (od? k) (if (= k zero) #f (ev? (- k 1))))
  (ev? n))

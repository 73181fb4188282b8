(define (check n) (if (< n 0) (error "negative number:" n 'in-check) n))
(display (check 1)) (newline)
(check -5)

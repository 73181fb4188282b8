; R7RS 6.3: booleans, not, boolean?, boolean=?.
(define (t . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(t #t #f '#f #true #false)
(t (not #t) (not 3) (not (list 3)) (not #f) (not '()) (not (list)) (not 'nil))
(t (boolean? #f) (boolean? 0) (boolean? '()) (boolean? #true))
(t (boolean=? #t #t) (boolean=? #f #f) (boolean=? #t #f) (boolean=? #f #f #f) (boolean=? #t #t #f))
(t (if '() 'true 'false) (if 0 'true 'false) (if "" 'true 'false))

; An error of a call that machine code makes through apply (here a wrong
; argument count) has the VM's message and backtrace, compiled frames
; included.
(define (three a b c) (list a b c))
(define (spread f l) (car (apply f l)))
(define (outer l) (+ 1 (spread three l)))
(define (warm n) (if (= n 0) 'warm (begin (outer (list n 2 3)) (warm (- n 1)))))
(display (warm 300)) (newline)
(outer '(1 2))

; Errors raised in machine code name the same procedure and location as on
; the VM, with the backtrace through compiled frames.
(define (get-first x) (car x))
(define (middle x) (+ 1 (get-first x)))
(define (warm n) (if (= n 0) 'warm (begin (middle (list n)) (warm (- n 1)))))
(display (warm 300)) (newline)
(middle 'not-a-list)

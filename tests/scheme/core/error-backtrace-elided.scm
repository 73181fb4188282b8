; An error 300 calls deep: the backtrace shows the innermost and outermost
; frames and how many it left out between them, the same in every tier.
(define (down n) (if (= n 0) (car n) (+ 1 (down (- n 1)))))
(down 300)

; A named let: contified, its body is blocks of sum-to and its self tail call
; a jump to its header (b2).
(define (sum-to n) (let loop ((i 0) (s 0)) (if (> i n) s (loop (+ i 1) (+ s i)))))

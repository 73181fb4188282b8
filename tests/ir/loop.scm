; A named let: the self tail call becomes a jump to the loop header (b1).
(define (sum-to n) (let loop ((i 0) (s 0)) (if (> i n) s (loop (+ i 1) (+ s i)))))

; A named let called only in tail position is contified: its body is blocks
; of sum-to (no closure, no call), the first call a jump to its header (b2),
; the self tail call a jump back to it.
(define (sum-to n) (let loop ((i 0) (s 0)) (if (> i n) s (loop (+ i 1) (+ s i)))))

; A named let called once, not in tail position: its returns jump to the
; join block after the call (b3), whose parameter is the call's value.
(define (f n) (+ 1 (let loop ((i 0) (s 0)) (if (= i n) s (loop (+ i 1) (+ s i))))))

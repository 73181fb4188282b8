; no-gc-stress: long loops
; A function that is running a long loop on the VM moves to machine code at
; a loop iteration once it is hot (on-stack replacement at the loop header),
; without losing its state.
(define (sum-to n) (let loop ((i 0) (s 0)) (if (> i n) s (loop (+ i 1) (+ s i)))))
(display (sum-to 10000000)) (newline)
(define (count-pairs l) (let loop ((l l) (n 0)) (if (pair? l) (loop (cdr l) (+ n 1)) n)))
(display (count-pairs (vector->list (make-vector 100000 0)))) (newline)
(define (collatz-steps n) (let loop ((n n) (steps 0)) (cond ((= n 1) steps) ((even? n) (loop (quotient n 2) (+ steps 1))) (else (loop (+ (* 3 n) 1) (+ steps 1))))))
(display (collatz-steps 837799)) (newline)

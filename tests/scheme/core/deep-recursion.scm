; no-gc-stress: builds million-element lists and a million frames
; Deep non-tail recursion works to a million frames.
(define (depth n) (if (= n 0) 0 (+ 1 (depth (- n 1)))))
(display (depth 1000000)) (newline)
(define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
(display (length (build 1000000))) (newline)
(display (apply + (map (lambda (x) 1) (build 100000)))) (newline)

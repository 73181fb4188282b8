; An assigned but uncaptured variable stays in SSA form: the join block takes
; its new version as a parameter. A captured and assigned one gets a box.
(define (ssa x) (let ((y x)) (if (> x 0) (set! y (* y 2)) (set! y 0)) y))
(define (counter) (let ((n 0)) (lambda () (set! n (+ n 1)) n)))

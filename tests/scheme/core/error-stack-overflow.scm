; Unbounded recursion raises an error instead of crashing.
; no-gc-stress: fills the VM stack with frames
(define (forever n) (+ 1 (forever (+ n 1))))
(forever 0)

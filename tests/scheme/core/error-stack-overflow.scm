; Unbounded recursion raises an error instead of crashing.
; no-gc-stress: fills the VM stack with frames
; (A subtraction: with an addition it would be a loop, ir/accumulate.h,
; which error-stack-overflow-loop.scm tests.)
(define (forever n) (- 1 (forever (+ n 1))))
(forever 0)

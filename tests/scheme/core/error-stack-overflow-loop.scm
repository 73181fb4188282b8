; An endless recursion that ir/accumulate.h made a loop still ends in the
; stack overflow it would have raised, uncaught here: the loop's backtrace
; is its one frame.
(define (forever n) (+ 1 (forever (+ n 1))))
(forever 0)

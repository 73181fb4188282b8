; no-gc-stress: half a million guards
; guard in a loop runs in constant space (the heap is capped at 32 MiB in
; the .env). guard's handler captures a continuation with an inline call/cc
; while the guard's own frame (captured by another) lies below it; a capture
; copies every register of the frame, so the VM clears the registers no
; value lives in across it first: one of them held, from the previous pass
; at the same place on the stack, the continuation the handler captured,
; which held the one before.
(define (loop n acc)
  (if (= n 0)
      acc
      (loop (- n 1) (+ acc (guard (e ((symbol? e) 0) ((number? e) e)) (raise 1))))))
(write (loop 500000 0)) (newline)

; The same with the handler's continuation kept for later re-entry.
(define saved #f)
(define (loop2 n acc)
  (if (= n 0)
      acc
      (loop2 (- n 1)
             (+ acc (guard (e ((number? e) (set! saved e) e))
                      (raise (call/cc (lambda (k) 2))))))))
(write (loop2 500000 0)) (newline)

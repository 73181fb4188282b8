; no-gc-stress: three million captures; tests/scheme/control/callcc-inline-tail covers the tail case
; A loop that escapes through an inline call/cc's k on every iteration runs
; in constant stack and space (the heap is capped at 32 MiB in the .env):
; the escape returns to the join in the same frame, and no capture keeps
; the previous one alive through a stale copy of k in the frame.
(define (loop n)
  (let lp ((i 0) (acc 0))
    (if (= i n)
        acc
        (lp (+ i 1) (+ acc (call/cc (lambda (k) (if (even? i) (k 1) 0))))))))
(write (loop 3000000)) (newline)

; k lives across a call (in a frame slot in machine code), and its last
; use is no call.
(define last-k #f)
(define (id x) x)
(define (loop2 n)
  (let lp ((i 0) (acc 0))
    (if (= i n)
        acc
        (lp (+ i 1) (+ acc (call/cc (lambda (k) (id i) (set! last-k k) (if (odd? i) (k 1) 0))))))))
(write (loop2 3000000)) (newline)

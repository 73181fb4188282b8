; no-gc-stress: builds lists of 400,000 pairs 60 times
;; Safe for space through apply's spread in machine code (jit/emit_apply.cpp):
;; the .env caps the heap at 16 MiB, where one 400,000-pair list (6.4 MB)
;; fits and two do not. The spread raised Thread::sp to cover its arguments
;; before testing what the callee was, and a primitive's call then saved
;; and put back that raised sp: the spread arguments, `big` among them,
;; stayed visible to the collector after the call, and building the next
;; list ran out of memory. sp is now raised for a closure only, and a
;; primitive's call puts back the sp from before the spread.
;; (Tiered, use-big stays in the VM and calls machine code: the VM's
;; outgoing words stayed visible then too, jit/space-vm-outgoing-words.)
(define (build n acc) (if (= n 0) acc (build (- n 1) (cons n acc))))
(define (use-big)
  (let ((big (build 400000 '())))
    (apply list (list 1 2 3 4 5 6 7 8 9 10 11 12 big))
    0))
(define (loop i) (if (< i 60) (begin (use-big) (loop (+ i 1)))))
(loop 0)
(display "ok") (newline)

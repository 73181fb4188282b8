;; An error in frames entered by raw self calls (jit/raw_self_calls.h):
;; the backtrace names each frame and its call site, as on the VM.
(define (bad x) (if (< x 1.) (car x) (+ 1. (bad (- x 1.)))))
(let loop ((i 0)) (when (< i 300) (guard (e (#t #f)) (bad 2.)) (loop (+ i 1))))
(bad 3.)

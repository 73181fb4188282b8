;; An error in the continuation of a raw return, in a frame entered raw:
;; the message and the backtrace are the VM's (jit/raw_returns.h).
(define limit 1e9)
(define (f x)
  (if (< x 1.) x
      (let ((r (f (- x 1.))))
        (if (< r limit) (+ r x) (vector-ref r 0)))))
(let loop ((i 0)) (when (< i 300) (f 6.) (loop (+ i 1))))
(display (f 6.)) (newline)
(set! limit 10.)
(f 8.)

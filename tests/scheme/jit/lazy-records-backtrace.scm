;; An error in a leaf entered by a direct self call (jit/lazy_record.cpp):
;; the backtrace names every frame, with its location, as the VM's does.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(display (fib 20)) (newline)
(define (walk l n)
  (if (= n 0)
      (car l)
      (+ 1 (walk l (- n 1)))))
(let loop ((i 0)) (if (< i 300) (begin (walk '(1) 3) (loop (+ i 1)))))  ; hot
(display (walk '(1) 3)) (newline)
(walk 'oops 3)

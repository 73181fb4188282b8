;; A flonum argument the JIT speculated on (an entry fl-guard) and returns
;; unchanged is returned in its own box, not a new one (jit/unbox.cpp:
;; `original`), so no allocation -- and eq? agrees with the VM, though R7RS
;; leaves eq? on numbers unspecified.
(define (fibfp n) (if (< n 2.) n (+ (fibfp (- n 1.)) (fibfp (- n 2.)))))
(define (pick x y) (if (< x y) x y))
(define (loop i acc)
  (if (= i 0)
      acc
      (loop (- i 1) (+ acc (fibfp 10.)))))
(write (loop 200 0.)) (newline)
(define v 1.5)
(define w 2.5)
(let repeat ((i 0) (same 0))
  (if (< i 300)
      (repeat (+ i 1) (+ same (if (eq? (pick v w) v) 1 0) (if (eq? (pick w v) v) 1 0)))
      (begin (write same) (newline))))
;; Not a flonum after all: the guard fails and the code is recompiled.
(write (list (pick 1 2) (pick 3/2 1.25) (fibfp 6))) (newline)

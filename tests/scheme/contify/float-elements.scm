;; A loop doing flonum arithmetic on vector elements stays a function of its
;; own (analyze.cpp: the JIT speculates on elements only at a function's own
;; loop header), so this error's backtrace names `loop`; the loop in
;; `plain-sum`, with no flonums, is contified into it.
(define (plain-sum v)
  (let loop ((i 0) (acc 0))
    (if (= i (vector-length v)) acc (loop (+ i 1) (+ acc (vector-ref v i))))))
(define (float-sum v)
  (let loop ((i 0) (acc 0.))
    (if (= i (vector-length v)) acc (loop (+ i 1) (+ acc (* 1.5 (vector-ref v i)))))))
(define v (vector 1 2 3))
(let repeat ((i 0)) (if (< i 300) (begin (plain-sum v) (float-sum v) (repeat (+ i 1)))))
(write (list (plain-sum v) (float-sum v))) (newline)
(float-sum (vector 1 'x 3))

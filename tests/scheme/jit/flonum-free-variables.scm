;; A closure's free variables that were flonums when its function got hot
;; are checked once at entry and used as raw doubles (jit/unbox.h); a
;; closure of the same lambda holding something else fails the check, and
;; the function is recompiled without the assumption. Results (exactness
;; included) and errors must be the same in every mode.
(import (scheme base) (scheme write))

;; k and the loop are free in the named let's lambda.
(define (scale v k)
  (let loop ((i 0) (acc '()))
    (if (= i (vector-length v)) acc (loop (+ i 1) (cons (* k (vector-ref v i)) acc)))))
(define (dot-with v w k)
  (let loop ((i 0) (s 0.))
    (if (= i (vector-length v)) s (loop (+ i 1) (+ s (* k (vector-ref v i) (vector-ref w i)))))))

(define v (vector 1 2 3 4))
(define w (vector .5 .25 2 4))
(let repeat ((n 0) (last #f))
  (if (< n 300)
      (repeat (+ n 1) (list (scale v 1.5) (dot-with v w 2.)))
      (begin (write last) (newline))))
;; Now exact and other kinds of free values: the guard fails, the code is
;; made again, and exactness comes back.
(write (list (scale v 2) (scale v 1/2) (scale v (expt 2 70)) (dot-with v w 3))) (newline)
(write (list (scale v 1.5) (dot-with v w 2.))) (newline)
(write (guard (e ((error-object? e) (error-object-message e))) (scale v 'k))) (newline)

;; A free variable assigned with set! lives in a box: never speculated on.
(define (counter start)
  (let ((x start))
    (lambda (d) (set! x (+ x d)) x)))
(define c (counter .5))
(let repeat ((n 0)) (when (< n 300) (c 1.) (repeat (+ n 1))))
(write (list (c 1) (c 1/2))) (newline)

;; A closure taking a rest list whose free variable was a flonum when its
;; lambda got hot: another closure of the same lambda holding something
;; else must still get its rest arguments. (The free-variable guard's
;; restart re-entered the function with only the required arguments, after
;; the prologue had already gathered the rest list: it became '().)
(import (scheme base) (scheme write))
(define (make k) (lambda (a . rest) (list (+ a k) rest)))
(define f1 (make 1.5))
(define f2 (make 2))
(let warm ((i 0)) (when (< i 300) (f1 1. 'x 'y) (warm (+ i 1))))
(write (f1 1. 'p 'q)) (newline)
(write (f2 1 'p 'q)) (newline)
(write (f1 1. 'r 's 't)) (newline)
(write (f2 5)) (newline)

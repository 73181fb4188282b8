;; Vector elements that arithmetic takes are assumed to be flonums where
;; they are read, in a loop whose iteration has done nothing visible yet
;; (jit/unbox.cpp, element_guards). An element that is not a flonum
;; restarts that iteration in code made without the assumption: the loop's
;; values so far carry over, nothing runs twice that could be seen, and
;; the results (exactness included) and errors are the VM's.
(import (scheme base) (scheme write) (scheme inexact))

;; A sum with a flonum accumulator (raw in machine code, boxed to restart).
(define (sum v)
  (let loop ((i 0) (s 0.))
    (if (= i (vector-length v)) s (loop (+ i 1) (+ s (vector-ref v i))))))

;; Exact unless an element is inexact: the accumulator starts exact.
(define (exact-sum v)
  (let loop ((i 0) (s 0))
    (if (= i (vector-length v)) s (loop (+ i 1) (+ s (* 2 (vector-ref v i)))))))

;; Reads, then stores (nbody's shape): a restart must not store twice.
(define (step! xs vs dt)
  (do ((i 0 (+ i 1))) ((= i (vector-length xs)) xs)
    (let ((x (vector-ref xs i)) (v (vector-ref vs i)))
      (vector-set! xs i (+ x (* v dt))))))

;; A store before the read: not speculated, just correct.
(define (bump-then-read! v)
  (let loop ((i 0) (acc 0.))
    (if (= i (vector-length v)) acc
        (begin (vector-set! v i (vector-ref v i)) (loop (+ i 1) (+ acc (vector-ref v i)))))))

;; Not a loop: the restart is the same call again.
(define (dist p) (sqrt (+ (* (vector-ref p 0) (vector-ref p 0)) (* (vector-ref p 1) (vector-ref p 1)))))

(define (report thunk)
  (guard (e ((error-object? e) (list 'error (error-object-message e) (error-object-irritants e))))
    (thunk)))

(define floats (vector 1.5 2.25 3. 4.125))
;; Hot first, on flonums only, so that tiered mode compiles with the
;; assumption too.
(let warm ((r 0))
  (when (< r 200)
    (sum floats) (exact-sum floats) (step! (vector 1. 2.) (vector .5 .25) 2.) (dist (vector 3. 4.))
    (warm (+ r 1))))
(let loop ((r 0))
  (when (< r 3)
    (write (list (sum floats) (exact-sum floats) (step! (vector 1. 2.) (vector .5 .25) 2.)
                 (bump-then-read! (vector 1. 2.)) (dist (vector 3. 4.))))
    (newline)
    ;; Elements of other kinds, part way through.
    (write (list (sum (vector 1.5 2 3.25)) (sum (vector 1.5 1/2 2.)) (exact-sum (vector 1 2 3))
                 (exact-sum (vector 1/3 2/3)) (exact-sum (vector 1.5 1 2))
                 (step! (vector 1. 2 3.) (vector .5 1 .25) 2.) (step! (vector 1 2) (vector 1 2) 3)
                 (dist (vector 3 4)) (dist (vector 3. 4))))
    (newline)
    (write (list (report (lambda () (sum (vector 1. 'x 2.))))
                 (report (lambda () (step! (vector 1. 2.) (vector .5 "no") 2.)))))
    (newline)
    (loop (+ r 1))))

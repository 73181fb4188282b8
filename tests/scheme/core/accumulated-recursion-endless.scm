; Endless recursions whose pending operations would build bignums: as
; written, each call only waits for the next, so the stack overflows
; before a single multiplication (or addition of k) runs. A loop that
; performs those operations as it goes (ir/accumulate.h) does work that
; grows with every iteration -- k! for (fact -1), a million-bit addition
; a step for add-k -- and must not run millions of steps of it: it would
; take hours before its own "recursion too deep".
(import (scheme base) (scheme write))

(define (message thunk)
  (guard (e ((error-object? e) (error-object-message e))) (thunk)))

;; The classic mistake: fact of a negative number never reaches 0.
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
(display (message (lambda () (fact -1))))
(newline)

;; A sum whose summand is a large bignum passed along unchanged.
(define (add-k n k) (if (= n 0) 0 (+ k (add-k (+ n 1) k))))
(display (message (lambda () (add-k 1 (expt 2 1000000)))))
(newline)

;; Finite recursions of the same functions still compute.
(display (fact 25))
(newline)
(display (= (add-k -3 (expt 2 1000000)) (* 3 (expt 2 1000000))))
(newline)

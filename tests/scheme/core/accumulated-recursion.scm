; Recursions whose last call's result is added to exact integers, which
; ir/accumulate.cpp turns into loops with an accumulator, and the cases
; that must keep their own order of evaluation (flonums, a redefined
; global, errors). Each runs enough times that every tier runs it.
(import (scheme base) (scheme write))

(define (show . xs) (for-each display xs) (newline))

(define (repeat n thunk)
  (let loop ((i 1) (r (thunk)))
    (if (= i n) r (loop (+ i 1) (thunk)))))

(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (len l) (if (null? l) 0 (+ 1 (len (cdr l)))))
(define (leaves t)
  (cond ((null? t) 0)
        ((pair? t) (+ (leaves (car t)) (leaves (cdr t))))
        (else 1)))
;; A self tail call beside the accumulating one: both loop.
(define (count-non-x l n)
  (cond ((null? l) n)
        ((eq? (car l) 'x) (count-non-x (cdr l) n))
        (else (+ 1 (count-non-x (cdr l) n)))))
;; The accumulated value on the left, a product in the summand.
(define (sum-squares n) (if (= n 0) 0 (+ (* n n) (sum-squares (- n 1)))))
;; n comes back in the base case: it must be an exact integer for the
;; loop, and is checked at entry.
(define (tri n) (if (< n 1) n (+ n (tri (- n 1)))))
;; Bignums are exact too.
(define (times n k) (if (= k 0) n (+ n (times n (- k 1)))))

(define (iota-list n)
  (let loop ((i n) (acc '()))
    (if (= i 0) acc (loop (- i 1) (cons i acc)))))

(show "fib " (repeat 200 (lambda () (fib 15))))
(show "fib 25 " (fib 25))
(show "len " (repeat 300 (lambda () (len '(a b c d e)))))
;; Deep: a loop now, in every tier.
(show "len deep " (len (iota-list 100000)))
(show "leaves " (repeat 300 (lambda () (leaves '((a b) (c (d e)) f ())))))
(show "count-non-x " (repeat 300 (lambda () (count-non-x '(x a x b c x) 10))))
(show "count-non-x deep "
      (count-non-x (let loop ((i 0) (acc '())) (if (= i 50000) acc (loop (+ i 1) (cons (if (even? i) 'x i) acc)))) 0))
(show "sum-squares " (repeat 300 (lambda () (sum-squares 100))))
(show "tri " (repeat 300 (lambda () (tri 100))))
(show "times " (repeat 300 (lambda () (times 100000000000000000000 9))))
(show "times fixnum overflow " (times 4611686018427387903 3))

;; Products too, from 1.
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
(show "fact " (repeat 300 (lambda () (fact 20))) " " (fact 30))
(show "fact 5.0 " (fact 5.) " fact 'a " (guard (e ((error-object? e) (error-object-message e))) (fact 'a)))
;; Sums and products mixed: not rewritten (one accumulator is one of them).
(define (mixed n) (if (= n 0) 1 (if (< n 5) (+ 1 (mixed (- n 1))) (* 2 (mixed (- n 1))))))
(show "mixed " (repeat 300 (lambda () (mixed 8))))

;; Not exact integers: the entry's check fails, and the body runs as
;; written, adding from the innermost call out.
(show "tri 5.5 " (tri 5.5))
(show "tri 1/2 " (tri 1/2))
(show "tri 0.1 " (repeat 300 (lambda () (tri 10.1))))
;; Flonums where the order of the additions shows: 1e16 + 1 + 1 ... in
;; the order written rounds every 1 away.
(define (add-ones n x) (if (= n 0) x (+ 1 (add-ones (- n 1) x))))
(show "add-ones " (repeat 300 (lambda () (add-ones 4 1e16))) " " (add-ones 4 16))

;; Errors come from the same operation with the same message.
(show "len improper "
      (guard (e ((error-object? e) (error-object-message e))) (len '(1 2 . 3))))
(show "tri symbol " (guard (e ((error-object? e) (error-object-message e))) (tri 'a)))
(show "fib string " (guard (e ((error-object? e) (error-object-message e))) (fib "7")))

;; Called under another name after the global is redefined: the entry
;; sees that the global is not the running closure, and the body calls
;; the new value as written.
(define old-tri tri)
(show "old-tri " (repeat 300 (lambda () (old-tri 3))))
(set! tri (lambda (n) 1.5))
(show "old-tri, tri redefined " (old-tri 3))
(set! tri (lambda (n) 'sym))
(show "old-tri, tri a symbol "
      (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e)))) (old-tri 3)))
(set! tri old-tri)
(show "tri restored " (tri 4))

;; Not rewritten: the sum is used for more than the return.
(define (twice-sum l) (if (null? l) 0 (let ((s (+ (car l) (twice-sum (cdr l))))) (* 2 s))))
(show "twice-sum " (repeat 300 (lambda () (twice-sum '(1 2 3)))))
;; Not rewritten: it calls another procedure.
(define (sum-with f l) (if (null? l) 0 (+ (f (car l)) (sum-with f (cdr l)))))
(show "sum-with " (repeat 300 (lambda () (sum-with (lambda (x) (* x 1.5)) '(1 2 3)))))

; Recursions that add small constants on their way out, which
; ir/accumulate.cpp turns into loops with an accumulator; the cases that
; must keep their own order of evaluation (flonums, a redefined global,
; errors); and recursions it leaves as written. Each runs enough times
; that every tier runs it. The expected output is the build's before the
; rewrite existed.
(import (scheme base) (scheme write))

(define (show . xs) (for-each display xs) (newline))

(define (repeat n thunk)
  (let loop ((i 1) (r (thunk)))
    (if (= i n) r (loop (+ i 1) (thunk)))))

(define (iota-list n)
  (let loop ((i n) (acc '()))
    (if (= i 0) acc (loop (- i 1) (cons i acc)))))

;; Rewritten.
(define (len l) (if (null? l) 0 (+ 1 (len (cdr l)))))
;; A self tail call beside the accumulating call: both loop.
(define (count-non-x l n)
  (cond ((null? l) n)
        ((eq? (car l) 'x) (count-non-x (cdr l) n))
        (else (+ 1 (count-non-x (cdr l) n)))))
;; Two sites, different constants, one on the right, one negative.
(define (weigh l)
  (cond ((null? l) 0)
        ((pair? (car l)) (+ (weigh (cdr l)) 2))
        (else (+ -1 (weigh (cdr l))))))
;; n comes back in the base case: it must be an exact integer for the
;; loop, and is checked at entry. Bignums are exact integers too.
(define (plus-k n k) (if (= k 0) n (+ 1 (plus-k n (- k 1)))))

(show "len " (repeat 300 (lambda () (len '(a b c d e)))))
;; Deep: a loop now, in every tier.
(show "len deep " (len (iota-list 100000)))
(show "count-non-x " (repeat 300 (lambda () (count-non-x '(x a x b c x) 10))))
(show "count-non-x deep "
      (count-non-x (let loop ((i 0) (acc '())) (if (= i 50000) acc (loop (+ i 1) (cons (if (even? i) 'x i) acc)))) 0))
(show "weigh " (repeat 300 (lambda () (weigh '((a) 1 (b) 2 3 (c))))))
(show "plus-k " (repeat 300 (lambda () (plus-k 100000000000000000000 9))))
(show "plus-k fixnum overflow " (plus-k 4611686018427387903 3))
(show "plus-k negative bignum " (plus-k -4611686018427387905 3))

;; Left as written: tree recursions, products, sums of a parameter or of a
;; constant too large, a sum used for more than the return, a call of
;; another procedure.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (leaves t)
  (cond ((null? t) 0)
        ((pair? t) (+ (leaves (car t)) (leaves (cdr t))))
        (else 1)))
(define (sum-squares n) (if (= n 0) 0 (+ (* n n) (sum-squares (- n 1)))))
(define (tri n) (if (< n 1) n (+ n (tri (- n 1)))))
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
(define (big-steps n) (if (= n 0) 0 (+ 1000000000000 (big-steps (- n 1)))))
(define (mixed n) (if (= n 0) 1 (if (< n 5) (+ 1 (mixed (- n 1))) (* 2 (mixed (- n 1))))))
(define (twice-sum l) (if (null? l) 0 (let ((s (+ (car l) (twice-sum (cdr l))))) (* 2 s))))
(define (sum-with f l) (if (null? l) 0 (+ (f (car l)) (sum-with f (cdr l)))))

(show "fib " (repeat 200 (lambda () (fib 15))) " " (fib 25))
(show "leaves " (repeat 300 (lambda () (leaves '((a b) (c (d e)) f ())))))
(show "sum-squares " (repeat 300 (lambda () (sum-squares 100))))
(show "tri " (repeat 300 (lambda () (tri 100))))
(show "fact " (repeat 300 (lambda () (fact 20))) " " (fact 30))
(show "big-steps " (repeat 300 (lambda () (big-steps 10))))
(show "mixed " (repeat 300 (lambda () (mixed 8))))
(show "twice-sum " (repeat 300 (lambda () (twice-sum '(1 2 3)))))
(show "sum-with " (repeat 300 (lambda () (sum-with (lambda (x) (* x 1.5)) '(1 2 3)))))

;; Not exact integers: the entry's check fails, and the body runs as
;; written, adding from the innermost call out.
(define (down n) (if (< n 1) n (+ 1 (down (- n 1)))))
(show "down " (repeat 300 (lambda () (down 10))))
(show "down 5.5 " (down 5.5))
(show "down 7/2 " (down 7/2))
(show "down 10.1 " (repeat 300 (lambda () (down 10.1))))
;; Flonums where the order of the additions shows: 1e16 + 1 + 1 ... in
;; the order written rounds every 1 away.
(define (add-ones n x) (if (= n 0) x (+ 1 (add-ones (- n 1) x))))
(show "add-ones " (repeat 300 (lambda () (add-ones 4 1e16))) " " (add-ones 4 16))

;; Errors come from the same operation with the same message.
(show "len improper "
      (guard (e ((error-object? e) (error-object-message e))) (len '(1 2 . 3))))
(show "down symbol " (guard (e ((error-object? e) (error-object-message e))) (down 'a)))
(show "plus-k string " (guard (e ((error-object? e) (error-object-message e))) (plus-k "7" 2)))

;; Called under another name after the global is redefined: the entry
;; sees that the global is not the running closure, and the body calls
;; the new value as written.
(define old-down down)
(show "old-down " (repeat 300 (lambda () (old-down 3))))
(set! down (lambda (n) 1.5))
(show "old-down, down redefined " (old-down 3))
(set! down (lambda (n) 'sym))
(show "old-down, down a symbol "
      (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e)))) (old-down 3)))
(set! down old-down)
(show "down restored " (down 4))

;; A tour of Kiln: run with `build/kiln examples/demo.scm`.
(import (scheme base) (scheme char) (scheme inexact) (scheme write) (kiln))

;; Recursion and proper tail calls.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(display "fib(25) = ") (display (fib 25)) (newline)

(define (count-down n) (if (= n 0) 'done (count-down (- n 1))))
(display "ten million tail calls: ") (display (count-down 10000000)) (newline)

;; The exact numeric tower.
(define (factorial n) (let loop ((n n) (acc 1)) (if (= n 0) acc (loop (- n 1) (* acc n)))))
(display "30! = ") (display (factorial 30)) (newline)
(display "(/ 1 3) + (/ 1 6) = ") (display (+ (/ 1 3) (/ 1 6))) (newline)
(display "(sqrt 2) = ") (display (sqrt 2)) (newline)

;; Closures, higher-order procedures and records.
(define (make-counter)
  (let ((n 0)) (lambda () (set! n (+ n 1)) n)))
(define tick (make-counter))
(tick) (tick)
(display "counter: ") (display (tick)) (newline)

(define-record-type point (make-point x y) point? (x point-x) (y point-y))
(define points (map (lambda (i) (make-point i (* i i))) '(1 2 3 4)))
(display "squares: ") (write (map point-y points)) (newline)

;; Strings, characters and Unicode.
(display (string-upcase "grüße aus dem ofen")) (newline)
(write (list->string (reverse (string->list "kiln")))) (newline)

;; Quasiquote, vectors, association lists.
(let ((name 'kiln) (langs '(scheme c++)))
  (write `(,name is written in ,@langs and runs on #(vm jit)))
  (newline))

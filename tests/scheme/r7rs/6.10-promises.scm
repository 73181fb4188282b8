; R7RS 4.2.5 (scheme lazy): delay, delay-force, force, make-promise, promise?.
(define (t . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(t (force (delay (+ 1 2))))
(t (let ((p (delay (+ 1 2)))) (list (force p) (force p))))
(define integers
  (letrec ((next (lambda (n) (delay (cons n (next (+ n 1)))))))
    (next 0)))
(define (head stream) (car (force stream)))
(define (tail stream) (cdr (force stream)))
(t (head (tail (tail integers))))
; the report's stream-filter example, forced far enough that a non-iterative
; force would exhaust the stack
(define (stream-filter p? s)
  (delay-force
   (if (null? (force s))
       (delay '())
       (let ((h (car (force s)))
             (t (cdr (force s))))
         (if (p? h)
             (delay (cons h (stream-filter p? t)))
             (stream-filter p? t))))))
(t (head (tail (tail (stream-filter odd? integers)))))
;; Filtering a long stream: the chain of pending promises is forced
;; iteratively. (The stream is built inside `go`, which tail-calls, so no
;; frame keeps its head alive and this also runs in constant heap: 6.5 MB
;; max RSS at both 100000 and 400000 elements.)
(define (from n) (delay (cons n (from (+ n 1)))))
(define (go n) (stream-filter (lambda (x) (> x n)) (from 0)))
(t (head (go 20000)))
; the report's loop example: runs in constant space
(define (loop n) (delay-force (if (= n 0) (delay 'done) (loop (- n 1)))))
(t (force (loop 100000)))
; reentrancy: the report's count/p/x example
(define count 0)
(define p
  (delay (begin (set! count (+ count 1))
                (if (> count x)
                    count
                    (force p)))))
(define x 5)
(t (force p))
(t (begin (set! x 10) (force p)))
; evaluated at most once
(define n 0)
(define once (delay (begin (set! n (+ n 1)) n)))
(force once) (force once)
(t n)
(t (promise? (delay 1)) (promise? (make-promise 1)) (promise? 1) (promise? (lambda () 1)))
(t (force (make-promise 7)) (force 7) (force (make-promise (make-promise 8))))
(let ((p (delay 1))) (t (eq? p (make-promise p))))
(t (force (delay (values 1))))
(t (force (delay-force (delay 'x))))

; Functions tier up (after 100 calls or loop iterations by default) in the
; middle of recursion, loops and closures, and keep computing the same
; results; redefining a global is seen at once by compiled callers.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(display (fib 25)) (newline)

(define (count-up n) (let loop ((i 0) (acc '())) (if (= i n) (length acc) (loop (+ i 1) (cons i acc)))))
(display (count-up 100000)) (newline)

(define (make-adder k) (lambda (x) (+ x k)))
(define adders (map make-adder '(1 2 3)))
(define (apply-all x) (map (lambda (f) (f x)) adders))
(define (repeat n) (if (= n 0) (apply-all 10) (begin (apply-all n) (repeat (- n 1)))))
(write (repeat 500)) (newline)

(define (helper x) (* x 2))
(define (caller x) (helper x))
(define (call-many n) (if (= n 0) (caller 21) (begin (caller n) (call-many (- n 1)))))
(display (call-many 1000)) (newline)
(set! helper (lambda (x) (* x 3)))
(display (call-many 1000)) (newline)

; Generic arithmetic from machine code: bignums, rationals, flonums.
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
(define (facts n) (if (= n 0) (fact 30) (begin (fact 20) (facts (- n 1)))))
(display (facts 200)) (newline)
(define (harmonic n) (let loop ((i 1) (s 0)) (if (> i n) s (loop (+ i 1) (+ s (/ 1 i))))))
(display (harmonic 20)) (newline)
(define (fsum n) (let loop ((i 0) (s 0.0)) (if (= i n) s (loop (+ i 1) (+ s 0.5)))))
(display (fsum 1000)) (newline)

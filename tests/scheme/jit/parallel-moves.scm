;; Jumps to loop headers and tail calls move many values at once; when the
;; moves form cycles (swaps, rotations) one value is parked in a register.
;; Values in registers and in frame slots (live across a call) both take
;; part. Every mode must agree.
(import (scheme base) (scheme write))

(define (id x) x)

;; A rotation of three loop variables in registers.
(define (rotate n)
  (let loop ((i 0) (a 1) (b 2) (c 3))
    (if (= i n) (list a b c) (loop (+ i 1) b c a))))

;; The same with the variables live across a call (frame slots).
(define (rotate-slots n)
  (let loop ((i 0) (a 1) (b 2) (c 3))
    (if (= i n) (list a b c) (let ((x (id a))) (loop (+ i 1) b c x)))))

;; Self tail calls that swap and rotate their arguments.
(define (swap-tail n a b) (if (= n 0) (list a b) (swap-tail (- n 1) b a)))
(define (rot-tail n a b c d) (if (= n 0) (list a b c d) (rot-tail (- n 1) d a b c)))

;; Mutual tail calls passing the arguments in another order.
(define (ping n a b c) (if (= n 0) (list 'ping a b c) (pong (- n 1) c a b)))
(define (pong n a b c) (if (= n 0) (list 'pong a b c) (ping (- n 1) b c a)))

;; A tail call whose callee is itself one of the arguments.
(define (apply-self f g n) (if (= n 0) (list (f 1) (g 1)) (apply-self g f (- n 1))))

(let loop ((round 0))
  (when (< round 3)
    (write (list (rotate 7) (rotate-slots 7) (swap-tail 5 'x 'y) (rot-tail 6 1 2 3 4)
                 (ping 7 1 2 3) (ping 8 1 2 3) (apply-self (lambda (x) (+ x 1)) (lambda (x) (* x 10)) 3)))
    (newline)
    (loop (+ round 1))))

; A function called once that runs a contified loop (a named let inside it,
; with no closure of its own) moves from the VM into machine code at that
; loop's header once the loop is hot: on-stack replacement (jit/osr.cpp).
; Its values come from the VM's registers; those the code keeps as raw
; doubles are checked, and the results are exactly the VM's.
(import (scheme base) (scheme write) (kiln))
(define (stat name) (cdr (assq name (jit-stats))))

; Flonum loop variables, flonum values computed before the loop (cr, ci),
; and a constant (max-iter) the VM folds into its compare.
(define (mandel-count n)
  (let ((max-iter 50))
    (let yloop ((y 0) (count 0))
      (if (= y n)
          count
          (let ((ci (- (/ (* 2. (inexact y)) (inexact n)) 1.)))
            (let xloop ((x 0) (count count))
              (if (= x n)
                  (yloop (+ y 1) count)
                  (let ((cr (- (/ (* 2. (inexact x)) (inexact n)) 1.5)))
                    (let iter ((zr 0.) (zi 0.) (i 0))
                      (cond ((= i max-iter) (xloop (+ x 1) (+ count 1)))
                            ((> (+ (* zr zr) (* zi zi)) 4.) (xloop (+ x 1) count))
                            (else (iter (+ (- (* zr zr) (* zi zi)) cr) (+ (* 2. zr zi) ci) (+ i 1)))))))))))))
(display (mandel-count 120)) (newline)

; A product of two fixnums that only flonum arithmetic uses lives as a
; double in machine code; the VM holds the exact fixnum.
(define (scaled-sum a b n)
  (let ((p (* a b)))
    (let loop ((i 0) (s 0.))
      (if (= i n) s (loop (+ i 1) (+ s (* p .5)))))))
(display (scaled-sum 3 7 20000)) (newline)

; A free variable that is a flonum (speculated on), read inside the loop.
(define (make-stepper step)
  (lambda (n) (let loop ((i 0) (x 0.)) (if (= i n) x (loop (+ i 1) (+ x step))))))
(display ((make-stepper .25) 40000)) (newline)

; Speculation that fails for a running activation: the inner call makes the
; function hot with a flonum x, so its code assumes x is one; the outer
; activation, still in the VM, has a fixnum x. Its loop must not enter that
; code (the result stays exact); the code is made again without the
; assumption and the loop continues in it.
(define (weighted x n depth)
  (let ((inner (if (> depth 0) (weighted 1.5 n (- depth 1)) 0)))
    (let loop ((i 0) (acc 0))
      (if (= i n) (list inner acc) (loop (+ i 1) (+ acc (* x i)))))))
(write (weighted 2 3000 1)) (newline)

; The loop's values survive an error raised inside it after the move.
(define (find-bad v)
  (let loop ((i 0) (sum 0))
    (if (= i (vector-length v))
        sum
        (loop (+ i 1) (+ sum (car (vector-ref v i)))))))
(define v (make-vector 5000 '(1)))
(vector-set! v 4321 'oops)
(display (guard (e ((error-object? e) (list 'caught (error-object-message e) (find-bad (make-vector 3000 '(2))))))
           (find-bad v)))
(newline)

; In tiered mode (the VM, then machine code) some activation moved;
; with --jit=off or eager none could.
(display (or (= (stat 'compiled) 0) (= (stat 'vm-entries) 0) (> (stat 'osr-entries) 0)))
(newline)

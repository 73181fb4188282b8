; A product of two unknown operands that only flonum arithmetic uses is
; computed as a double (jit/unbox.h). When it is zero, its sign depends on
; the operands' kinds: two fixnums make an exact 0 (+0.0 once converted),
; a flonum operand makes mulsd's zero, which may be -0.0.
(import (scheme base) (scheme write) (scheme inexact))
(define (dot a b n)
  (let loop ((k 0) (sum -0.))
    (if (= k n) sum (loop (+ k 1) (+ sum (* (vector-ref a k) (vector-ref b k)))))))
(define (run a b)
  (let loop ((i 0) (r #f)) (if (= i 300) r (loop (+ i 1) (dot a b (vector-length a))))))
(write (list (run (vector 0 0) (vector -1 5))          ; exact zeros: +0.0
             (run (vector 0. 0.) (vector -1. 5.))      ; -0.0 + 0.0: +0.0
             (run (vector 0.) (vector -1.))            ; -0.0
             (run (vector 0) (vector -1.))             ; inexact contagion: -0.0
             (run (vector -0.) (vector 0))             ; -0.0
             (run (vector 2 3) (vector 4. 5))))        ; 23.0
(newline)
; exp, sin, cos, tan and atan always return a flonum: the JIT calls the C
; library's function on the double; other arguments take the primitive.
(define (waves n)
  (let loop ((i 0) (acc 0.))
    (if (= i n) acc (loop (+ i 1) (+ acc (sin (* .001 i)) (cos i) (tan 0) (atan (* i .5)) (exp (- i)))))))
(write (waves 1000)) (newline)
(write (guard (e ((error-object? e) (error-object-message e))) (waves 'x))) (newline)
(define (sin-of x) (let loop ((i 0) (r 0.)) (if (= i 200) r (loop (+ i 1) (+ 1. (sin x))))))
(write (list (sin-of 0) (sin-of 1/2) (sin-of (expt 10 30))))
(newline)
(write (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e)))) (sin-of 'y)))
(newline)

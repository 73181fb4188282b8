;; A raw double that only blocks leaving the function (a return, a tail
;; call) need as a Scheme value is boxed there, not where it is computed:
;; a loop's running sum is boxed once, when returned, and a self tail call's
;; flonum argument is boxed only on the way to another procedure. Results,
;; identity and errors must not change in any mode.
(import (scheme base) (scheme write))

(define (sum v)
  (let loop ((i 0) (s 0.))
    (if (= i (vector-length v)) s (loop (+ i 1) (+ s (vector-ref v i))))))

;; Self tail calls; once `walk` is redefined, the old code's calls of the
;; global go to the new procedure, with the flonum boxed for it.
(define (walk n x) (if (= n 0) x (walk (- n 1) (* x 1.5))))
(define old-walk walk)

;; Boxed once in its block: the same object for both uses.
(define (same x) (let ((y (* x 2.))) (eq? y y)))
;; Used in the loop (a vector-set! needs the box) and returned. (Compared
;; with eqv?: whether two flonums are eq? is unspecified, and machine code,
;; which boxes the loop variable again on the way out, answers #f.)
(define (fill! v x)
  (let loop ((i 0) (y x))
    (if (= i (vector-length v)) (list y (eqv? y (vector-ref v (- i 1))))
        (let ((z (+ y 1.))) (vector-set! v i z) (loop (+ i 1) z)))))
;; Two exits, each boxing the same raw value.
(define (pick c x) (let ((y (- x .5))) (if c (list 'a y) (vector 'b y))))
(define (bad x) (let ((y (* x 2.))) (car y)))

(let loop ((round 0))
  (when (< round 3)
    (write (list (sum (vector 1 2.5 3 4.25)) (sum (vector)) (sum (vector 1 2 3))
                 (walk 10 1.) (same 3.) (fill! (make-vector 3 0) 1.) (pick #t 1.) (pick #f 1)))
    (newline)
    (write (guard (e ((error-object? e) (error-object-message e))) (bad 1.)))
    (newline)
    (loop (+ round 1))))
(set! walk (lambda (n x) (list 'redefined n x)))
(write (old-walk 3 2.))
(newline)
(write (guard (e ((error-object? e) (error-object-message e))) (sum (vector 1. 'x))))
(newline)

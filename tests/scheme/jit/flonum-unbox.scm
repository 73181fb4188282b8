;; Flonum arithmetic in machine code (jit/unbox.h): raw doubles inside a
;; function, boxes where values escape, speculation on flonum arguments
;; that is undone when a call passes something else. Every result must be
;; what the VM computes.

(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e)))) (thunk)))

;; A loop whose variables are flonums from the first iteration on.
(define (sum-series n)
  (let loop ((i 0) (acc 0.) (term 1.))
    (if (= i n)
        acc
        (loop (+ i 1) (+ acc term) (* term .5)))))
(display (sum-series 60)) (newline)

;; Speculated arguments: hot with flonums, then called with other numbers.
(define (poly x) (+ (* x x) (* 3. x) -2.))
(define (run-poly k x) (if (= k 0) (poly x) (begin (poly x) (run-poly (- k 1) x))))
(display (run-poly 300 1.5)) (newline)
(display (poly 2)) (newline)             ; a fixnum: the guard fails, recompiles
(display (poly 1/2)) (newline)           ; a ratnum
(display (poly (expt 10 20))) (newline)  ; a bignum
(display (poly 1.5)) (newline)
(display (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
           (poly 'x)))
(newline)

;; A loop over a speculated argument, with every compare, NaNs and infinities.
(define (count-below limit step)
  (let loop ((x 0.) (n 0))
    (if (< x limit) (loop (+ x step) (+ n 1)) n)))
(define (repeat k thunk) (if (= k 1) (thunk) (begin (thunk) (repeat (- k 1) thunk))))
(display (repeat 200 (lambda () (count-below 10. .25)))) (newline)
(display (count-below +nan.0 1.)) (newline)
(display (count-below 3 1.)) (newline)
(define (compare-all a b)
  (list (< a b) (<= a b) (> a b) (>= a b) (= a b)
        (if (< (* a 1.) b) 'lt 'not-lt) (if (= (* a 1.) b) 'eq 'not-eq)
        (if (>= (+ a 0.) b) 'ge 'not-ge)))
(for-each (lambda (p) (write (repeat 120 (lambda () (compare-all (car p) (cdr p))))) (newline))
          (list (cons 1.5 2.5) (cons 2.5 2.5) (cons +nan.0 1.) (cons 1. +nan.0) (cons -inf.0 +inf.0)
                (cons -0. 0.) (cons 2. 2) (cons 9007199254740993. 9007199254740993)))

;; Raw values escaping: returned, in a pair, in a vector, captured, passed on.
(define (escape x)
  (let* ((y (* x 2.)) (z (- y .5)))
    (list y (cons z z) (vector (+ y z)) ((lambda () (* z z))) (exact (floor z)))))
(write (repeat 150 (lambda () (escape 1.25)))) (newline)
(write (escape 3)) (newline)

;; Bignums and ratnums meet raw doubles in the generic slow path.
(define (mix a) (let ((d (* a 1.))) (list (+ d (expt 2 70)) (* d 1/3) (< d (expt 2 70)) (= d 1/2))))
(write (repeat 150 (lambda () (mix .5)))) (newline)

;; An error from an operand that is not a number, raised by machine code.
(define (scale v k) (* (vector-ref v 0) (* k 2.)))
(display (repeat 150 (lambda () (scale (vector 3) 1.5)))) (newline)
(display (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
           (scale (vector "3") 1.5)))
(newline)

;; / sqrt inexact on doubles, and their slow paths through the primitives.
(define (norm x y) (sqrt (+ (* x x) (* y y))))
(define (ratio x y) (/ (* x 1.) y))
(define (to-float n) (+ (inexact n) .5))
(write (repeat 150 (lambda () (list (norm 3. 4.) (ratio 1 4) (ratio 1. 0) (ratio 0 0.) (to-float 7)))))
(newline)
(write (list (norm -0. -0.) (norm +nan.0 1.) (norm +inf.0 1.) (ratio 1 1/3) (ratio 2 (expt 10 20))
             (to-float (expt 2 80)) (to-float 1/3) (to-float 2.5)))
(newline)
(define (root x) (sqrt (* x 1.)))
(write (repeat 150 (lambda () (root 2.25)))) (newline)
(write (list (root -0.) (root +nan.0))) (newline)
(write (message (lambda () (root -4.)))) (newline)
(write (message (lambda () (ratio 1. 'z)))) (newline)
(write (message (lambda () (to-float "7")))) (newline)

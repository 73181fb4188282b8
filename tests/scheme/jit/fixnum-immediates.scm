;; Constant fixnum operands become immediates in machine code; overflow,
;; other kinds of numbers and errors still take the generic path.
(define big (expt 2 61))          ; the largest fixnum is 2^62 - 1
(define top (- (* 2 big) 1))
(define bottom (- -1 top))
(define (ops x)
  (list (+ x 1) (- x 1) (* x 3) (* x -2) (+ x -7)
        (< x 5) (<= x 5) (> x 5) (>= x 5) (= x 5)
        (if (< x 5) 'lt 'ge) (if (= x 5) 'five 'other)))
(define (repeat k thunk) (if (= k 1) (thunk) (begin (thunk) (repeat (- k 1) thunk))))
(for-each (lambda (x) (write (repeat 120 (lambda () (ops x)))) (newline))
          (list 0 5 -5 top bottom big (- big) 2.5 1/2 (* 4 big) +nan.0))
(write (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
         (ops 'x)))
(newline)

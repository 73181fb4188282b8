; and / or / case / cond as tests, whose jumps ir/thread_branches.cpp
; threads, against the same forms used for their values, over enough
; calls that every tier runs them.
(define (classify x)
  (cond ((and (number? x) (> x 0) (< x 10)) 'digit)
        ((or (eq? x 'a) (eq? x 'b) (and (pair? x) (null? (cdr x)))) 'a-b-or-singleton)
        ((not (or (string? x) (char? x))) 'other)
        (else 'text)))

(define (kind x)
  (case x
    ((0) 'zero)
    ((1 2 3 4) 'small)
    ((5 6 7 8 9) 'medium)          ; five data: memv
    ((a b) 'sym)
    ((#\c) 'char)
    ((#t #f) 'bool)
    ((()) 'nil)
    ((1.5 2.5) 'float)             ; flonums: memv, by eqv?
    ((100000000000000000000) 'big) ; a bignum: memv, by eqv?
    (("s") 'string)                ; strings are never eqv? to a fresh one
    ((x) => (lambda (v) (list 'arrow v)))
    (else => (lambda (v) (list 'else v)))))

(define (values-of x y) (list (or x y) (and x y) (or (not x) y) (and (not x) y)))

; A join whose value is also used after the test: the arms must still pass
; through it (it once branched past it, and the value read was garbage).
(define (test-and-value x y) (let ((v (and x y))) (if v (list 'and v) 'no)))
(define (test-or-value x y) (let ((v (or x y))) (if v (list 'or v) 'no)))

(define (loop n acc)
  (if (= n 0)
      acc
      (loop (- n 1)
            (+ acc (if (or (= 0 (remainder n 3)) (and (> n 50) (even? n))) 1 0)))))

(define inputs (list 5 -1 'a 'b '(1) '(1 2) "str" #\z 12 0.5 3.5
                     0 1 4 5 9 'c #\c #t #f '() 1.5 2.5 (* 10000000000 10000000000) "s" 'x 10 (/ 3 2)))
(define (run)
  (list (map classify inputs) (map kind inputs)
        (values-of #f 1) (values-of 2 #f) (values-of 3 4) (values-of #f #f)
        (loop 200 0)
        (map test-and-value '(1 #f 1 #f) '(2 2 #f #f))
        (map test-or-value '(1 #f 1 #f) '(2 2 #f #f))))
(define first (run))
(do ((i 0 (+ i 1))) ((= i 300)) (run))
(for-each (lambda (part) (write part) (newline)) first)
(write (equal? first (run)))
(newline)

;; + - * of unknown operands whose only use is flonum arithmetic are done
;; in doubles (jit/unbox.h): the result must be what the exact operation
;; followed by one conversion gives -- for fixnums beyond 2^53, bignums,
;; ratnums -- and errors must name the right operation and argument.
(define (dot a b n)
  (let loop ((k 0) (sum 0.))
    (if (= k n) sum (loop (+ k 1) (+ sum (* (vector-ref a k) (vector-ref b k)))))))
(define (diffs a b n)
  (let loop ((k 0) (sum 0.))
    (if (= k n) sum (loop (+ k 1) (+ sum (* 2. (- (vector-ref a k) (vector-ref b k))))))))
(define (repeat k thunk) (if (= k 1) (thunk) (begin (thunk) (repeat (- k 1) thunk))))
(define (both a b) (list (dot a b (vector-length a)) (diffs a b (vector-length a))))
(define big (+ (expt 2 53) 1))        ; a fixnum no double holds
(for-each
 (lambda (p) (write (repeat 150 (lambda () (both (car p) (cdr p))))) (newline))
 (list (cons (vector 1. 2. 3.) (vector 4. 5. 6.))
       (cons (vector 1 2 3) (vector 4 5 6))                   ; all exact
       (cons (vector 1 2.5 3) (vector 4 5 1/2))               ; mixed
       (cons (vector big big) (vector big 3))                 ; beyond 2^53
       (cons (vector (expt 2 62) (- (expt 2 62))) (vector 3 3))  ; products overflow fixnums
       (cons (vector (expt 10 30) 1/3) (vector (expt 10 -30) 3))
       (cons (vector +nan.0 +inf.0) (vector 0 1))
       (cons (vector) (vector))))
(write (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
         (both (vector 1 'x) (vector 2 3))))
(newline)
(write (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
         (both (vector 1 2) (vector 2 "y"))))
(newline)
;; Exact intermediate sums must stay exact: here the products are beyond
;; 2^53 and cancel exactly, which doubles would not.
(define (two-products a b c d) (+ 0. (+ (* a b) (* c d))))
(define k (+ (expt 2 27) 1))
(write (repeat 150 (lambda () (two-products k k (- k) (- k 1))))) (newline)
(write (repeat 150 (lambda () (two-products 1.5 2 3 4)))) (newline)
;; A zero product of two fixnums is exact 0, so +0.0 once converted, even
;; where a double product would be -0.0; a flonum -0.0 stays itself.
(define (signed-zero a b) (list (+ (* a b) -0.0) (* (* a b) 1.0) (- (* a b) 0.0)))
(write (repeat 150 (lambda () (signed-zero 0 -1)))) (newline)
(write (list (signed-zero -5 0) (signed-zero -0.0 5) (signed-zero 0 -1.5) (signed-zero +nan.0 0))) (newline)

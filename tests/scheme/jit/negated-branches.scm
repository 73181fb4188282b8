;; (if (not (< a b)) ...) branches on the compare itself, targets swapped
;; (jit/simplify.cpp), so the compare fuses with the branch: checked on
;; fixnums, flonums, mixed, bignums, a predicate, and errors, against the VM.
(define (repeat k thunk) (if (= k 1) (thunk) (begin (thunk) (repeat (- k 1) thunk))))
(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (thunk)))
(define (tak x y z) (if (not (< y x)) z (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))
(write (tak 18 12 6)) (newline)
(define (order a b) (if (not (< a b)) (if (not (= a b)) 'greater 'equal) 'less))
(for-each (lambda (p) (write (repeat 150 (lambda () (order (car p) (cdr p))))) (newline))
          (list (cons 1 2) (cons 2 1) (cons 3 3) (cons 1.5 1) (cons 1 1.5) (cons 2.0 2)
                (cons (expt 2 70) 5) (cons 5 (expt 2 70)) (cons 1/3 1/4) (cons +nan.0 1)))
(write (message (lambda () (order 'a 1)))) (newline)
(define (kind x) (if (not (pair? x)) (if (not (null? x)) 'atom 'empty) 'pair))
(write (repeat 150 (lambda () (map kind (list 1 '() '(1) "s"))))) (newline)
;; The negation also used as a value: not folded.
(define (both x) (let ((n (not (< x 0)))) (if n (list 'non-negative n) (list 'negative n))))
(write (repeat 150 (lambda () (map both '(-1 0 1))))) (newline)

;; Primitives called as values (not by name) from machine code: called
;; directly when their arity fits, through the interpreter otherwise, and
;; the control primitives (apply, call/cc, ...) always through it.
(define (call2 f a b) (f a b))              ; a non-tail call of an unknown procedure
(define (call2-tail f a b) (f a b))
(define (call2-then f a b) (let ((r (f a b))) (list r)))
(define (fold f acc l) (if (null? l) acc (fold f (f (car l) acc) (cdr l))))
(define (repeat k thunk) (if (= k 1) (thunk) (begin (thunk) (repeat (- k 1) thunk))))
(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (thunk)))

(write (repeat 150 (lambda () (fold + 0 '(1 2 3 4 5))))) (newline)
(write (repeat 150 (lambda () (call2-then cons 1 2)))) (newline)
(write (repeat 150 (lambda () (call2-tail max 3 7)))) (newline)
(write (repeat 150 (lambda () (call2 list 'a 'b)))) (newline)
(write (repeat 150 (lambda () (call2 apply + '(1 2 3))))) (newline)   ; control primitive
(define (call1 f a) (f a))
(write (repeat 150 (lambda () (+ 1 (call1 call-with-current-continuation (lambda (k) (k 42)))))))
(newline)
;; Arity and type errors from a primitive reached as a value.
(write (message (lambda () (call2 car 1 2)))) (newline)
(write (message (lambda () (call2-then car 1 2)))) (newline)
(write (message (lambda () (call2-tail vector-ref (vector 1 2) 5)))) (newline)
(write (message (lambda () (call2-then + 1 'x)))) (newline)
(write (message (lambda () (fold + 0 '(1 two 3))))) (newline)

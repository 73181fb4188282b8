; The order Kiln evaluates operands in (R7RS leaves it open; README): left
; to right, except that when an operand may call a procedure, the movable
; ones (variables, constants, inline arithmetic, car, cdr ... of them) come
; after the others. The same in every tier.
(define trace '())
(define (note! x) (set! trace (cons x trace)) x)
(define (bump! p) (set-car! p (+ (car p) 1)) 0)

; A movable operand is read after a call beside it: in a procedure call,
(define p (list 1))
(define (two a b) (list a b))
(write (two (car p) (bump! p))) (newline)
; in an inline primitive's operands,
(write (+ (car p) (bump! p))) (newline)
(write (cons (car p) (bump! p))) (newline)
; in a let's initializers,
(write (let ((a (car p)) (b (bump! p))) (list a b))) (newline)
; and in a loop's next values.
(write (let loop ((i 0) (a 0) (b 0))
         (if (= i 2) (list a b) (loop (+ i 1) (car p) (bump! p)))))
(newline)

; Operands that call keep their order among themselves.
(set! trace '())
(two (note! 1) (note! 2))
(write (reverse trace)) (newline)
(set! trace '())
(list (note! 'a) (car p) (note! 'b) (vector-ref (vector (note! 'c)) 0))
(write (reverse trace)) (newline)

; A variable assigned by a call beside it is read afterwards.
(define v 1)
(define (set-v! x) (set! v x) 0)
(write (two v (set-v! 2))) (newline)
(define (local-order)
  (let ((w 1))
    (define (set-w!) (set! w 2) 0)
    (two w (set-w!))))
(write (local-order)) (newline)
; An assignment is no call: a set! beside a read keeps left to right.
(write (two v (begin (set! v 3) 0))) (newline)

; With no call among them, operands go left to right: the first error wins.
(write (guard (e (#t (error-object-message e)))
         (two (car 'x) (cdr 'y))))
(newline)
(write (guard (e (#t (error-object-message e)))
         (list (+ 'a 1) (if (car 'b) 1 2))))
(newline)
; With a call among them, the movable operand's error comes after it.
(set! trace '())
(write (guard (e (#t (list (error-object-message e) (reverse trace))))
         (two (car 'x) (note! 'called))))
(newline)

;; A tail call from machine code of a closure with no machine code goes
;; through the interpreter's stub (runtime/proto.h call entries): the
;; interpreter's arity error names the tail call's location, and the
;; non-tail call that reached it.
(define (tail-to f x) (f x))
(jit-compile! tail-to)
(define (two a b) (list a b))
(jit-forbid! two)
(define (outer f) (list (tail-to f 1)))
(jit-compile! outer)
(write (tail-to (lambda (x) (list x)) 1)) (newline)
(outer two)

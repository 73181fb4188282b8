;; R7RS 4.2.2 (letrec*) and 5.3.2 (internal definitions): an initializer
;; may make a closure over a variable whose initializer has not run yet, as
;; long as the closure is not called before that. Called afterwards, it sees
;; the variable's value. (Kiln used to copy #<undefined> into such closures
;; when a known lambda or a closure made by an earlier lambda was captured.)

;; A closure made in a non-lambda initializer, over a later lambda.
(define (made-in-init)
  (letrec ((a (list (lambda () (b))))
           (b (lambda () 1)))
    ((car a))))

;; The same with internal definitions.
(define (made-in-define)
  (define a (list (lambda () (b))))
  (define (b) 2)
  ((car a)))

;; A closure made by an earlier lambda, called from an initializer.
(define (made-by-call)
  (letrec ((f (lambda () (lambda () (g))))
           (h (f))
           (g (lambda () 3)))
    (h)))

;; The same over a non-procedure value.
(define (made-by-call-value)
  (define f (lambda () (lambda () y)))
  (define h (f))
  (define y 4)
  (h))

(define (all) (list (made-in-init) (made-in-define) (made-by-call) (made-by-call-value)))
(write (all))
(newline)
;; Often enough that the tiered mode runs them compiled too.
(let loop ((i 0) (last #f))
  (if (< i 300)
      (loop (+ i 1) (all))
      (begin (write last) (newline))))

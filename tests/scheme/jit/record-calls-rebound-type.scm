;; A record type's name rebound to one of its own procedures, or two types'
;; names to each other's: the procedures then read (through the type's
;; global) a record procedure, whose calls the JIT runs inline only while
;; the type is a record type (jit/record_calls.cpp). That must not recurse,
;; and the calls must fail as the primitives say.
(define (show x) (write x) (newline))
(define (message thunk)
  (guard (e ((error-object? e) (error-object-message e)))
    (thunk)))

(define-record-type point (make-point x) point? (x point-x))
(define p (make-point 1))
(define point point?)
(define (f v) (point? v))
(define (g v) (point-x v))

(define-record-type a-type (make-a v) a? (v a-v))
(define-record-type b-type (make-b v) b? (v b-v))
(define a-type b?)
(define b-type a?)
(define (h v) (list (a? v) (b? v)))

(define (run)
  (list (message (lambda () (f 1))) (message (lambda () (g p)))
        (message (lambda () (h 1)))))
(show (run))
(do ((i 0 (+ i 1))) ((= i 300)) (run))
(show (run))

; define-record-type, built on the %record primitives.
(define (show x) (write x) (newline))
(define-record-type point
  (make-point x y)
  point?
  (x point-x set-point-x!)
  (y point-y))
(define p (make-point 3 4))
(show (point? p))
(show (point? 5))
(show (point? (vector 3 4)))
(show (point-x p))
(show (point-y p))
(set-point-x! p 10)
(show (point-x p))
(define-record-type other (make-other) other?)
(show (point? (make-other)))
(show (other? (make-other)))

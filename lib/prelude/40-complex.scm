;; Kiln prelude: (scheme complex) for a tower without non-real numbers.
;; Kiln's numbers are all real (R7RS allows this; the complex library "may be
;; minimal", see tests/KNOWN-FAILURES), so these are the report's
;; definitions restricted to reals; asking for a non-real result is an error.

(define (%check-real who x)
  (if (not (real? x)) (error (string-append who ": expected real number") x)))

(define (real-part z) (%check-real "real-part" z) z)

;; The imaginary part of a real is an exact zero (even for an inexact real,
;; as in Chez and Guile).
(define (imag-part z) (%check-real "imag-part" z) 0)

(define (magnitude z) (%check-real "magnitude" z) (abs z))

;; The angle of a negative real (or -0.0) is pi; of any other real, zero of
;; the same exactness (as in Chez and Guile).
(define (angle z)
  (%check-real "angle" z)
  (cond ((negative? z) (acos -1))
        ((eqv? z -0.0) (acos -1))
        ((inexact? z) 0.0)
        (else 0)))

(define (make-rectangular x y)
  (%check-real "make-rectangular" x)
  (%check-real "make-rectangular" y)
  (if (and (exact? y) (zero? y))
      x
      (error "make-rectangular: non-real complex numbers are not supported" x y)))

(define (make-polar m a)
  (%check-real "make-polar" m)
  (%check-real "make-polar" a)
  (cond ((and (exact? a) (zero? a)) m)
        (else (error "make-polar: non-real complex numbers are not supported" m a))))

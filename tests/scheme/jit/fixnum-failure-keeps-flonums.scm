;; A function speculated on both flonums and fixnums: when its fixnums
;; prove wrong (a guard fails, or an add that restarts on overflow
;; overflows), it is recompiled without the fixnum speculation only
;; (jit/helpers.cpp, helper_despecialize), its flonums still unboxed; when
;; a flonum proves wrong, without any. Every answer is the VM's.
(define least (- (expt 2 62)))

;; a and x flonums, n a fixnum count (guarded), acc a flonum sum.
(define (axpy a x n acc)
  (if (= n 0) acc (axpy a x (- n 1) (+ acc (* a x)))))
(do ((i 0 (+ i 1))) ((= i 300)) (axpy 1.5 2.0 10 0.0))
(write (axpy 1.5 2.0 10 0.0)) (newline)
(write (axpy 1.5 2.0 3.0 0.0)) (newline)    ; the fixnum guard fails
(do ((i 0 (+ i 1))) ((= i 300)) (axpy 1.5 2.0 10 0.0))
(write (axpy 1.5 2.0 4 0.0)) (newline)
(write (axpy 1.5 2.0 (/ 8 2) 0.0)) (newline)
(write (axpy 1 2 4 0)) (newline)            ; then a flonum guard
(write (axpy 1.5 2.0 4 0.0)) (newline)

;; The same after an overflow: n is guarded, and (- n 1) of the least
;; fixnum is a bignum, which the guard rejects at the next iteration.
(define (drift a n k)
  (if (= k 0) (+ a (* n 1)) (drift (* a 1.0) (- n 1) (- k 1))))
(do ((i 0 (+ i 1))) ((= i 300)) (drift 0.5 10 5))
(write (drift 0.5 10 5)) (newline)
(write (drift 0.5 least 3)) (newline)
(do ((i 0 (+ i 1))) ((= i 300)) (drift 0.5 10 5))
(write (drift 0.5 10 5)) (newline)
(write (drift 1/2 10 5)) (newline)

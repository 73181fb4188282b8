;; Raw returns (jit/raw_returns.h) through the shapes a continuation takes:
;; nested calls, several in sequence and in both arms of an if, results
;; stored and compared by identity, two flonum arguments and a fixnum, a
;; mutable local a closure captures, closures of one lambda in turn.
(define (h x)
  (if (< x 1.) x
      (let* ((a (h (- x 1.)))
             (b (h (- x 2.)))
             (c (if (> a b) (h (- a 1.)) (h (- b 1.)))))
        (+ a b c))))
(define (nest x) (if (< x 1.) (* x .5) (+ 1. (nest (* .5 (nest (- x 1.)))))))
(let loop ((i 0)) (when (< i 300) (h 7.) (nest 6.) (loop (+ i 1))))
(display (list (h 7.) (h 9.) (nest 6.) (nest 10.))) (newline)

;; The result stored in a vector, then read back and compared with eq?.
(define v (make-vector 12 #f))
(define v2 (make-vector 12 #f))
(define (st x)
  (if (< x 1.) x
      (let ((r (st (- x 1.))))
        (vector-set! v (exact (round x)) r)
        (if (eq? r (vector-ref v (exact (round x)))) (+ r 1.) 'lost))))
(define (kept x)
  (if (< x 1.) x
      (let ((r (kept (- x 1.))))
        (vector-set! v2 (exact (round x)) r)
        (let ((s (kept (- x 2.))))
          (if (eq? r (vector-ref v2 (exact (round x)))) (+ r s) 'lost)))))
(let loop ((i 0)) (when (< i 300) (st 8.) (kept 6.) (loop (+ i 1))))
(display (list (st 10.) (kept 9.))) (newline)
(display v) (newline)

;; when and begin around the calls.
(define cnt 0)
(define (w x)
  (if (< x 1.) x
      (begin
        (when (> x 3.) (set! cnt (+ cnt 1)) (w (- x 2.)))
        (let ((r (w (- x 1.))))
          (when (> r 0.) (set! cnt (+ cnt 1)))
          r))))
(let loop ((i 0)) (when (< i 300) (w 6.) (loop (+ i 1))))
(set! cnt 0)
(display (list (w 8.5) cnt)) (newline)

;; Two flonum arguments and a fixnum; the leaf returns the second.
(define (f2 x y k)
  (cond ((< x 1.) y)
        ((= k 0) (+ x y))
        (else (let* ((a (f2 (- x 1.) (* y 1.) (- k 1)))
                     (b (f2 (- x 2.) (+ a 0.) k)))
                (+ a b)))))
(let loop ((i 0)) (when (< i 300) (f2 6. 1. 3) (loop (+ i 1))))
(display (list (f2 8. 1. 3) (f2 9. .5 2))) (newline)

;; A leaf returning its argument: a caller from elsewhere gets its own box.
(define z 3.25)
(define zz 104.5)
(define (idf x) (if (< x 100.) x (let ((r (idf (- x 1.)))) r)))
(let loop ((i 0)) (when (< i 300) (idf 3.) (idf 103.) (loop (+ i 1))))
(display (list (eq? (idf z) z) (eqv? (idf zz) 99.5) (eq? (idf zz) zz))) (newline)

;; The result in a local that a closure assigns.
(define (mut x)
  (if (< x 1.) x
      (let ((r (mut (- x 1.))))
        (let ((bump (lambda () (set! r (+ r 1.)) r)))
          (bump) (bump)
          (+ r (mut (- x 2.)))))))
(let loop ((i 0)) (when (< i 300) (mut 5.) (loop (+ i 1))))
(display (mut 7.)) (newline)

;; Closures of one lambda whose free variable is no flonum: the global's
;; closure is entered raw from the other closure's activation.
(define g #f)
(define (mk c) (lambda (x) (if (< x 1.) (* (car c) x) (+ (car c) (g (- x 1.)) (* .5 (g (- x 2.)))))))
(define g1 (mk '(1)))
(define g2 (mk '(100)))
(set! g g1)
(let loop ((i 0)) (when (< i 300) (g 5.) (g2 5.) (loop (+ i 1))))
(display (list (g 6.) (g1 6.) (g2 6.))) (newline)
(set! g g2)
(display (list (g 6.) (g1 6.) (g2 6.))) (newline)

;; vector-ref and vector-set! with a constant index compare the vector's
;; header with an immediate (jit/emit_ops.cpp); every error still comes out
;; as in the VM. Free variables read twice in a block are read once
;; (jit/simplify.cpp): a vector checked through the first read is known
;; through the second.

(define (try thunk)
  (call-with-current-continuation
   (lambda (k)
     (with-exception-handler
      (lambda (e) (k (cons 'error (error-object-message e))))
      thunk))))

(define (fields v) (list (vector-ref v 0) (vector-ref v 2) (vector-ref v 6)))
(define (bump! v) (vector-set! v 6 (+ (vector-ref v 6) 1)) (vector-set! v 0 'x) v)
(define (far v) (vector-ref v 40000))        ; beyond the immediate form
(define (negative v) (vector-ref v -1))

(define v7 (vector 0 1 2 3 4 5 6))
(let loop ((i 0))
  (when (< i 300)
    (fields v7)
    (bump! v7)
    (loop (+ i 1))))
(display (fields v7)) (newline)
(display (try (lambda () (fields (vector 1 2 3))))) (newline)        ; index 6 out of range
(display (try (lambda () (fields (vector 1 2 3 4 5 6 7 8))))) (newline)
(display (try (lambda () (fields '(1 2 3))))) (newline)              ; not a vector
(display (try (lambda () (bump! '#(1 2 3 4 5 6 7))))) (newline)      ; a literal
(display (try (lambda () (bump! (vector 1 2 3))))) (newline)
(display (try (lambda () (far (make-vector 40001 'end))))) (newline)
(display (try (lambda () (far (make-vector 40000 'end))))) (newline)
(display (try (lambda () (negative (vector 1 2))))) (newline)

;; A closure reading the same free vector many times in one block.
(define (make-body x y z)
  (let ((b (vector x y z 0. 0. 0.)))
    (lambda (dt)
      (vector-set! b 3 (+ (vector-ref b 3) (* dt (vector-ref b 0))))
      (vector-set! b 4 (+ (vector-ref b 4) (* dt (vector-ref b 1))))
      (vector-set! b 5 (+ (vector-ref b 5) (* dt (vector-ref b 2))))
      (+ (vector-ref b 3) (vector-ref b 4) (vector-ref b 5)))))
(define step (make-body 1. 2. 3.))
(let loop ((i 0) (last 0.))
  (if (< i 1000)
      (loop (+ i 1) (step .5))
      (begin (display last) (newline))))

;; A failed speculation recompiles a function while activations of its old
;; code are still running (jit/unbox.h); an error raised then must show the
;; call sites of those activations, as the VM does (runtime/proto.h,
;; RetiredCode). Eager mode speculates on the first call, here a flonum.
(define (f x n)
  (if (= n 0)
      (g x)
      (+ (* x 1.5) (f (if (= n 1) 7 x) (- n 1)))))
(define (g x) (if (< x 5) x (car x)))
(define (warm k) (if (> k 0) (begin (f 1.5 3) (warm (- k 1)))))
(warm 200)
(f 2.5 3)

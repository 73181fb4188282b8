;; A function's direct calls of itself pass the doubles they compute raw,
;; into an entry past its flonum guards (jit/raw_self_calls.h).
(define (fibfp n) (if (< n 2.) n (+ (fibfp (- n 1.)) (fibfp (- n 2.)))))
(define (run-fibfp k) (let loop ((i 0) (s 0.)) (if (= i k) s (loop (+ i 1) (+ s (fibfp 12.))))))
(display (run-fibfp 40)) (newline)
;; Called from elsewhere, a leaf still returns its argument's own box.
(define x 1.5)
(display (eq? (fibfp x) x)) (newline)

;; A guarded argument beside an exact one.
(define (tree x n) (if (= n 0) x (+ (tree (* x 1.5) (- n 1)) (tree (+ x .25) (- n 1)))))
(display (let loop ((i 0) (s 0.)) (if (= i 200) s (loop (+ i 1) (+ s (tree 1. 6)))))) (newline)

;; Redefined at the bottom of the recursion: the calls made after it go
;; through the watch's path, which boxes the doubles for the new procedure.
(define seen '())
(define redefine? #f)
(define (down x)
  (cond ((< x 1.)
         (when redefine? (set! down (lambda (y) (set! seen (cons y seen)) 0.)))
         0.)
        (else (+ (down (- x 1.)) (down (- x 2.))))))
(let loop ((i 0)) (when (< i 200) (down 6.) (loop (+ i 1))))
(set! redefine? #t)
(display (down 6.)) (newline)
(display (reverse seen)) (newline)

;; Deep: a return through thousands of frames entered raw. Then a
;; recursion that fills the value stack (16M values: no depth that returns
;; does): the call that finds it full boxes its double for the interpreter,
;; which reports the overflow, caught here. (This section once recursed
;; 300000 deep instead, which filled nothing and, collecting on every few
;; allocations, took minutes under KILN_GC_STRESS.)
(define (depth x) (if (< x .5) 0. (+ 1. (depth (- x 1.)))))
(let loop ((i 0)) (when (< i 200) (depth 20.) (loop (+ i 1))))
(display (depth 30000.)) (newline)
(display (guard (e ((error-object? e) (error-object-message e))) (depth 1e9))) (newline)
(display (depth 20.)) (newline)

;; A continuation captured in a frame entered raw, re-entered later.
(define k #f)
(define (grab x) (if (< x 1.) (call/cc (lambda (c) (set! k c) x)) (+ 1. (grab (- x 1.)))))
(let loop ((i 0)) (when (< i 200) (grab 3.) (loop (+ i 1))))
(let ((n 0))
  (let ((r (grab 3.5)))
    (display r) (newline)
    (set! n (+ n 1))
    (when (< n 3) (k (* n 10.)))))

;; An error in a frame entered raw (its backtrace: raw-self-calls-backtrace).
(define (bad x) (if (< x 1.) (car x) (+ 1. (bad (- x 1.)))))
(let loop ((i 0)) (when (< i 200) (guard (e (#t #f)) (bad 2.)) (loop (+ i 1))))
(display (guard (e (#t (list (error-object-message e) (error-object-irritants e))))
  (bad 3.)))
(newline)

;; Not a flonum after all: the guard fails, the code is recompiled without
;; speculation, and the raw entry goes with it.
(display (list (fibfp 10) (fibfp 6.) (fibfp 15/2))) (newline)

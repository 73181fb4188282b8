;; A raw self call may come back raw: the callee returns the double it
;; would have boxed only to return it, and the caller goes on with it in a
;; copy of its continuation; any other result takes the original
;; continuation, which handles every value (jit/raw_returns.h).
(define (fibfp n) (if (< n 2.) n (+ (fibfp (- n 1.)) (fibfp (- n 2.)))))
(define (run-fibfp k) (let loop ((i 0) (s 0.)) (if (= i k) s (loop (+ i 1) (+ s (fibfp 15.))))))
(display (run-fibfp 40)) (newline)
(display (fibfp 25.)) (newline)

;; The result used as a Scheme value: in a list, twice, and compared.
(define (pairs n)
  (if (< n 1.)
      (list n)
      (let ((r (car (pairs (- n 1.)))))
        (list (+ r 1.) (eq? r r) (eqv? r (- n 1.))))))
(let loop ((i 0)) (when (< i 200) (pairs 5.) (loop (+ i 1))))
(display (pairs 5.)) (newline)

;; Redefined in the middle of the recursion to return exact integers, then
;; strings: the frames entered raw get boxed results of the new procedure
;; and go on in the original continuation.
(define mode 'none)
(define (sum n)
  (cond ((< n 2.) (* n 1.5))
        (else
         (when (and (eq? mode 'exact) (= n 4.)) (set! sum (lambda (m) 1)))
         (when (and (eq? mode 'string) (= n 4.)) (set! sum (lambda (m) "one")))
         (+ (sum (- n 1.)) (sum (- n 2.))))))
(define sum0 sum)
(let loop ((i 0)) (when (< i 200) (sum 8.) (loop (+ i 1))))
(display (sum 8.)) (newline)
(set! mode 'exact)
(display (sum 8.)) (newline)
(set! sum sum0)
(set! mode 'string)
(display (guard (e ((error-object? e) (list 'caught (error-object-message e)))) (sum 8.))) (newline)
(set! sum sum0)
(set! mode 'none)
(display (sum 8.)) (newline)

;; A leaf that returns a constant returns it boxed, as it is; so does one
;; that returns a global's flonum, which stays the same object.
(define half .5)
(define (leafy n) (if (< n 1.) half (let ((r (leafy (- n 1.)))) r)))
(define (const-leaf n) (if (< n 2.) 1. (+ (const-leaf (- n 1.)) (const-leaf (- n 2.)))))
(let loop ((i 0)) (when (< i 200) (leafy 5.) (const-leaf 6.) (loop (+ i 1))))
(display (list (eq? (leafy 6.) half) (const-leaf 12.))) (newline)

;; Two arms that join before returning, each with its own call.
(define (arms n)
  (if (< n 1.)
      n
      (let ((r (if (> n 3.) (arms (- n 2.)) (arms (- n 1.)))))
        (* r .5))))
(let loop ((i 0)) (when (< i 200) (arms 9.) (loop (+ i 1))))
(display (arms 9.)) (newline)

;; Deep, and full: the call that finds the stack full goes to the
;; interpreter, which reports the overflow.
(define (depth x) (if (< x .5) 0. (+ 1. (depth (- x 1.)))))
(let loop ((i 0)) (when (< i 200) (depth 20.) (loop (+ i 1))))
(display (depth 30000.)) (newline)
(display (guard (e ((error-object? e) (error-object-message e))) (depth 1e9))) (newline)
(display (depth 20.)) (newline)

;; A continuation captured below frames that return raw, re-entered: the
;; returns through the re-entered frames go through the checks, boxed.
(define k #f)
(define (capture x) (call/cc (lambda (c) (set! k c) x)))
(define (grab x) (if (< x 1.) (* 1. (capture x)) (* 2. (grab (- x 1.)))))
(let loop ((i 0)) (when (< i 200) (grab 3.) (loop (+ i 1))))
(let ((n 0))
  (let ((r (grab 3.5)))
    (display r) (newline)
    (set! n (+ n 1))
    (when (< n 3) (k (* n 10.)))))

;; Arguments speculated to be fixnums (jit/fixnum_guards.h): a function
;; made hot by calls with fixnums guards them once at the top of its body,
;; and a later call, or a self tail call, with anything else recompiles it
;; without speculation and restarts. Each function here is run hot with
;; fixnums (tiered mode compiles it with the guard), then given flonums,
;; rationals, bignums and non-numbers, then fixnums again: every answer
;; must be the VM's.
(import (scheme base) (scheme write))

(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (hot f . args)
  (let loop ((i 0))
    (when (< i 300) (apply f args) (loop (+ i 1)))))

;; Non-tail recursion: the guard at entry.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(hot fib 10)
(show 'fib (fib 20) (fib 20.0) (fib 41/2) (fib 20))

;; A self tail call that passes a flonum partway: the guard fails at the
;; loop's top, and the call restarts with the values that tail call passed.
(define (countdown n acc)
  (cond ((< n 1) acc)
        ((= n 5) (countdown 4.5 (+ acc n)))
        (else (countdown (- n 1) (+ acc n)))))
(hot countdown 3 0)
(show 'countdown (countdown 3 0) (countdown 10 0) (countdown 10 0) (countdown 7/2 0))

;; A self tail call whose sum overflows into a bignum.
(define (double-up x k)
  (if (= k 0) x (double-up (+ x x) (- k 1))))
(hot double-up 1 10)
(show 'double-up (double-up 1 10) (double-up 1 70) (double-up 3 62) (double-up 1 10))

;; Past the fixnum limits: the guard must not take a bignum for a fixnum.
(define (near a b) (if (< a b) (- b a) (- a b)))
(hot near 1 2)
(show 'near (near 4611686018427387903 -4611686018427387904)
      (near (+ 4611686018427387903 1) 0) (near 1 2))

;; A closure that reads its free variables: the restart must pass it.
(define (make-shifter k)
  (lambda (x y) (if (< x y) (+ x k) (- y k))))
(define shift3 (make-shifter 3))
(hot shift3 1 2)
(show 'shifter (shift3 1 2) (shift3 5 2) (shift3 1.5 2) (shift3 1 2) (shift3 5 2))

;; Four guarded arguments, the last failing, then the second.
(define (box4 a b c d)
  (+ (* a b) (* c d) (- a b) (- c d)))
(hot box4 1 2 3 4)
(show 'box4 (box4 1 2 3 4) (box4 1 2 3 4.5) (box4 1 1/2 3 4) (box4 1 2 3 4))

;; An argument used once, in an inner loop: guarded for the loop's sake.
(define (sum-below n)
  (let loop ((i 0) (s 0))
    (if (< i n) (loop (+ i 1) (+ s i)) s)))
(hot sum-below 10)
(show 'sum-below (sum-below 10) (sum-below 10.5) (sum-below 21/2) (sum-below 10))

;; A flonum argument and a fixnum one in the same function: each guard
;; fails in its turn.
(define (scale x n)
  (let loop ((i 0) (s x))
    (if (< i n) (loop (+ i 1) (* s 1.5)) (+ s n))))
(hot scale 1.0 4)
(show 'scale (scale 1.0 4) (scale 2 4) (scale 1.0 4.0) (scale 1.0 4))

;; Not a number at all: the errors are the VM's, after the restart.
(define (add-twice a b) (+ (+ a b) (- a b)))
(hot add-twice 1 2)
(show 'add-twice (add-twice 1 2)
      (guard (e (#t (list 'error (error-object-message e))))
        (add-twice 'x 2))
      (add-twice 1 2))

;; An activation the VM started with a flonum, still looping when its
;; calls with fixnums made the function hot (two calls an iteration: the
;; calls tier it up before the back edges do): its loop must not enter
;; the code that speculates on fixnums. The OSR entry declines, the
;; function is recompiled without speculation, and the loop enters that.
(define (nested n inner)
  (let loop ((i 0) (s 0))
    (if (< i n)
        (loop (+ i 1) (+ s (if inner (+ i (nested 0 #f) (nested 0 #f)) 1)))
        s)))
(show 'nested (nested 400.5 #t) (nested 400 #t) (nested 3 #f))

;; Mutual recursion through globals, one of them redefined while hot.
(define (even-steps n) (if (= n 0) 'even (odd-steps (- n 1))))
(define (odd-steps n) (if (= n 0) 'odd (even-steps (- n 1))))
(hot even-steps 10)
(show 'parity (even-steps 11) (even-steps 10.0))
(set! odd-steps (lambda (n) (if (< n 1) 'odd-new (even-steps (- n 1)))))
(show 'parity (even-steps 11) (even-steps 3.5) (even-steps 10))

;; An exact add past a guard that relies on a bound the loop does not
;; read: (+ m 1) cannot overflow under (< m n) only if n is a fixnum, and
;; n is dead in the loop. The VM began these activations with a bignum
;; or flonum n before their calls made the function hot, so their loops
;; must not come into code that trusts the bound (no OSR entry there).
(define (past-bound n m inner)
  (if (< m n)
      (let loop ((i 0) (s 0))
        (if (< i 300)
            (loop (+ i 1) (+ s (+ m 1) (if inner (past-bound 2 1 #f) 0)))
            s))
      (- n 1)))
(show 'past-bound (past-bound (expt 2 70) 4611686018427387903 #t))
(define (below-bound n m inner)
  (if (< n m)
      (let loop ((i 0) (s '()))
        (if (< i 300)
            (loop (+ i (if inner (begin (below-bound 1 2 #f) 1) 1)) (cons (- m 1) s))
            s))
      (+ n 1)))
(show 'below-bound (car (below-bound -1e30 -4611686018427387904 #t)))

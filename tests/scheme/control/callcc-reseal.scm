; The last call of an inline (call/cc (lambda (k) ...)) body, when it
; passes k, returns where k does and seals its frame again as k's copy
; before entering compiled code (jit/control.h: helper_reseal). A call/cc
; in the callee's tail position then answers k itself (no copy), and an
; escape to k finds the frame intact. These check what that must not
; change: re-entering such a k (or the callee's k2, the same object) after
; the frame ran on, returned and was overwritten; callees of every kind
; (compiled, leaf, self, VM-only, primitive, continuation, case-lambda);
; dynamic-wind in the callee; a frame resealed while the callee recurses
; deeply. Each procedure runs a few hundred times so that in tiered mode
; later calls are machine code. The expected output is Chez Scheme's.
(define (show x) (write x) (newline))
(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (< i n) (loop (+ i 1) (thunk)) r)))

; ctak, the benchmark this is for.
(include "ctak.inc")
(show (repeat 30 (lambda () (ctak 12 8 4))))

; The callee's k2 (a tail capture: k's chunk itself when the frame was
; resealed) is kept and re-entered after the caller returned and other
; calls overwrote its frame: each re-entry must see the caller's a, b and
; c as they were at the capture, and deliver to the join again.
(define kept #f)
(define (keep k x)
  (call/cc (lambda (k2) (set! kept k2) (if (> x 0) (* x 2) (k x)))))
(define (caller a)
  (let* ((b (* a 3))
         (c (list a b))
         (r (call/cc (lambda (k) (keep k a)))))
    (list a b c r)))
(define (overwrite n) (if (= n 0) 0 (+ 1 (overwrite (- n 1)))))
(define (reenter-kept)
  (let ((log '()) (n 0))
    (set! log (cons (caller 5) log))
    (overwrite 50)
    (set! n (+ n 1))
    (if (< n 4) (kept (* n 100)) (reverse log))))
(show (repeat 300 reenter-kept))

; The outer k re-entered many times from a deeper frame and from outside,
; while the loop around the call/cc runs on: each re-entry restores the
; frame of its own pass (i), not of a later one.
(define ks '())
(define (pass-k k i) (set! ks (cons k ks)) i)
(define (loop-captures n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        (reverse acc)
        (loop (+ i 1) (cons (+ i (call/cc (lambda (k) (pass-k k i)))) acc)))))
(define (reenter-loop)
  (set! ks '())
  (let ((count 0))
    (let ((first (loop-captures 5)))
      (set! count (+ count 1))
      (if (< count 3)
          ((list-ref ks 2) (* count 1000))  ; the pass with i = 2, again
          first))))
(show (repeat 300 (lambda () (let ((r (reenter-loop))) (list r (length ks))))))

; Callees of every kind as the last call, each passed k.
(define (leaf k x) (+ x 1))  ; returns without a record of its own
(define (self-count k n)     ; the last call is a self call
  (if (= n 0)
      (k 0)
      (+ 1 (call/cc (lambda (k2) (self-count k2 (- n 1)))))))
(define (vm-only k x) (* x 10))
(jit-forbid! vm-only)
(define cl (case-lambda ((k) 'one) ((k x) (list 'two x))))
(define (kinds x)
  (list (call/cc (lambda (k) (leaf k x)))
        (call/cc (lambda (k) (self-count k x)))
        (call/cc (lambda (k) (vm-only k x)))
        (call/cc (lambda (k) (cons k x)))  ; a primitive: the join gets a pair
        (call/cc (lambda (k) (apply leaf k (list x))))
        (call/cc (lambda (out) (+ 1 (call/cc (lambda (k) (out k))))))  ; a continuation
        (call/cc (lambda (k) (cl k x)))
        (let ((f (lambda (k y) (list 'local y))))
          (call/cc (lambda (k) (f k x))))))
(define (fix-kinds l)  ; the pair and the continuation printed portably
  (list (car l) (cadr l) (caddr l) (cdr (cadddr l)) (list-ref l 4)
        (procedure? (list-ref l 5)) (list-ref l 6) (list-ref l 7)))
(show (repeat 300 (lambda () (fix-kinds (kinds 7)))))

; Deep: the last call recurses 20000 deep through resealed frames, then
; every level returns normally (each return into a sealed frame unseals
; it) or, on the second run, escapes from the bottom straight to the top.
(define (deep k n)
  (if (= n 0)
      0
      (+ 1 (call/cc (lambda (k2) (deep k2 (- n 1)))))))
(define (deep-escape k n)
  (if (= n 0)
      (k 'escaped)
      (+ 1 (call/cc (lambda (k2) (deep-escape k (- n 1)))))))
(show (list (repeat 3 (lambda () (call/cc (lambda (k) (deep k 20000)))))
            (repeat 3 (lambda () (call/cc (lambda (k) (deep-escape k 20000)))))))

; dynamic-wind in the callee: its tail capture has other winders, so it
; cannot answer k; escapes through it run the after thunk.
(define trail '())
(define (wound k x)
  (dynamic-wind
   (lambda () (set! trail (cons 'in trail)))
   (lambda () (call/cc (lambda (k3) (if (odd? x) (k3 x) (k (* x 2))))))
   (lambda () (set! trail (cons 'out trail)))))
(define (winding x) (+ 1 (call/cc (lambda (k) (wound k x)))))
(show (repeat 300 (lambda () (set! trail '()) (list (winding 3) (winding 4) trail))))

; A generator whose resume point is the last call of a call/cc body.
(define (make-gen lst)
  (define return #f)
  (define (walk k l)
    (if (null? l)
        (return 'done)
        (begin
          (call/cc (lambda (resume) (set! walk-k resume) (return (car l))))
          (walk k (cdr l)))))
  (define walk-k #f)
  (lambda ()
    (call/cc (lambda (r)
               (set! return r)
               (if walk-k (walk-k #f) (identity (call/cc (lambda (k) (walk k lst)))))))))
(define (identity x) x)
(define (drain g) (let loop ((acc '())) (let ((v (g))) (if (eq? v 'done) (reverse acc) (loop (cons v acc))))))
(show (repeat 300 (lambda () (drain (make-gen '(1 2 3 4 5))))))

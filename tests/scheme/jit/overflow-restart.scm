;; An add or sub of fixnums that may overflow, in the part of a guarded
;; function that may restart (jit/fixnum_guards.h, restart_on_overflow):
;; an overflow recompiles the function without speculation and restarts
;; the call, or the self tail call's iteration, with the values it began
;; with; the answer is the VM's, bignums and all. Each case has functions
;; of its own, since a function is made without speculation only once.
(define most (- (expt 2 62) 1))
(define least (- (expt 2 62)))
;; (The count of recompilations without speculation is the same in every
;; mode only for the VM and eager code, which never speculate, so it is
;; not printed: tiered, each case that overflows adds one.)
(define (show label thunk)
  (write (list label (thunk)))
  (newline))

;; Self tail loops whose (- x 1) and (- k 1) go back to the header
;; (x is guarded: two uses test its tag): overflow at the first
;; iteration, and partway.
(define (down-a x k) (if (= k 0) (* x 1) (down-a (- x 1) (- k 1))))
(define (down-b x k) (if (= k 0) (* x 1) (down-b (- x 1) (- k 1))))
(define (up-a x k) (if (= k 0) (* x 1) (up-a (+ x 1) (- k 1))))
;; A non-tail self call of (- n 1), past a claimed record, as in ack.
(define (nest m n) (if (= m 0) (+ n 0) (list (nest (- m 1) (- n 1)))))
;; A closure that reads its free variable: the restart passes the closure.
(define (make-stepper step)
  (letrec ((loop (lambda (x k) (if (= k 0) (+ x step) (loop (- x 1) (- k 1))))))
    loop))
(define stepper (make-stepper 1000))
;; Four arguments, the overflowing one last.
(define (four a b c d)
  (if (= a 0) (list (* b 1) (* c 1) (* d 1)) (four (- a 1) (- b 1) (- c 1) (- d 1))))

(define (warm)
  (do ((i 0 (+ i 1))) ((= i 300))
    (down-a 100 10) (down-b 100 10) (up-a 100 10) (nest 3 7) (stepper 100 10) (four 5 10 20 30)))
(warm)
(show 'fixnums (lambda () (list (down-a 100 10) (down-b 100 10) (up-a 100 10) (nest 3 7) (stepper 100 10)
                                (four 5 10 20 30))))
(show 'first (lambda () (down-a least 3)))
(show 'partway (lambda () (down-b (+ least 2) 5)))
(show 'up (lambda () (up-a (- most 2) 5)))
(show 'nest (lambda () (nest 3 (+ least 1))))
(show 'closure (lambda () (stepper (+ least 3) 6)))
(show 'fourth (lambda () (four 3 0 0 (+ least 1))))
(warm)
(show 'fixnums-again (lambda () (list (down-a 100 10) (down-b 100 10) (up-a 100 10) (nest 3 7) (stepper 100 10)
                                      (four 5 10 20 30))))

;; A loop the VM began, which tiers up in the middle of the activation
;; (an OSR entry at its header) and then overflows.
(define (long-down x k) (if (= k 0) (* x 1) (long-down (- x 1) (- k 1))))
(show 'osr (lambda () (long-down (+ least 500) 1000)))
(show 'osr-fixnums (lambda () (long-down 10 1000)))

;; Flonums and non-numbers still take the generic paths.
(define (down-c x k) (if (= k 0) (* x 1) (down-c (- x 1) (- k 1))))
(do ((i 0 (+ i 1))) ((= i 300)) (down-c 100 10))
(show 'flonum (lambda () (down-c 1.5 3)))
(show 'symbol (lambda () (guard (e (#t (error-object-message e))) (down-c 'x 3))))

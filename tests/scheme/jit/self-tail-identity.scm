;; A global function's self tail call jumps to its loop header when the
;; global still holds a closure of the same code. Machine code that reads
;; its closure nowhere else compares the global with the closure it held
;; when compiled (or checks the closure's code), not with its own slot 0,
;; which its known callers then leave unwritten.
(define (tak x y z)
  (if (not (< y x)) z (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))
(define (run-tak n) (let loop ((i 0) (r 0)) (if (= i n) r (loop (+ i 1) (tak 12 8 4)))))
(display (run-tak 50)) (newline)

;; Redefined from inside the recursion: the tail calls made after it reach
;; the new definition.
(define calls 0)
(define (count-down n)
  (cond ((= n 0) 'bottom)
        ((= n 5) (set! count-down (lambda (n) (set! calls (+ calls 1)) (list 'new n))) (count-down (- n 1)))
        (else (count-down (- n 1)))))
(display (count-down 10)) (newline)
(display calls) (newline)

;; Two closures of one lambda: running one, the tail call of the global
;; holding the other loops (their code ignores the closure, so it is the
;; same call).
(define (make) (lambda (n acc) (if (= n 0) acc (g (- n 1) (+ acc 1)))))
(define g (make))
(define h (make))
(define (drive k) (let loop ((i 0) (r 0)) (if (= i k) r (loop (+ i 1) (+ r (h 100 0) (g 50 0))))))
(display (drive 300)) (newline)
(display (eq? g h)) (newline)

;; The global set to something that is no procedure: the tail call's error.
(define (spin n) (if (= n 3) (begin (set! spin 42) (spin (- n 1))) (if (= n 0) 'done (spin (- n 1)))))
(display (guard (e (#t (list (error-object-message e) (error-object-irritants e)))) (spin 10))) (newline)

;; Recompiled (a flonum argument's guard failed) while the global holds no
;; closure of the code, which then checks the closure's code instead.
(define (make-fl) (lambda (x n) (if (= n 0) x (flg (+ x 1.5) (- n 1)))))
(define flg (make-fl))
(define first-closure flg)
(let loop ((i 0)) (when (< i 300) (flg 0.5 10) (loop (+ i 1))))
(set! flg 'not-a-procedure)
(display (first-closure 1 0)) (newline)
(set! flg (make-fl))
(display (first-closure 1 5)) (newline)
(set! flg (lambda (x n) (list 'other x n)))
(display (first-closure 1 5)) (newline)

;; Reassigned by a callee while the loop runs, over and over: compiled, the
;; loop's test is a watch on the global, patched by the assignment into
;; the test itself, which then reads the new value.
(define (maybe-swap! n k)
  (if (= n k) (set! loop-k (lambda (n acc) (list 'swapped n acc)))))
(define (loop-k n acc)
  (if (= n 0) acc (begin (maybe-swap! n 7) (loop-k (- n 1) (+ acc 1)))))
(define original-loop-k loop-k)
(define (swap-rounds i out)
  (if (= i 0)
      out
      (begin (set! loop-k original-loop-k)
             (swap-rounds (- i 1) (cons (loop-k (+ 20 (modulo i 3)) 0) out)))))
(display (list-tail (swap-rounds 300 '()) 297)) (newline)
(set! loop-k original-loop-k)
(display (loop-k 5 0)) (newline)

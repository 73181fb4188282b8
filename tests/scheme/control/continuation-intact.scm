; Returns into sealed frames that are still intact in place skip the copy
; back (Thread::seal_intact, vm/continuation.h): an escape to a
; continuation captured just below the running frames, and every return
; after it into frames that the capture sealed and nothing overwrote. These
; check that a frame so unsealed and then changed, or overwritten by
; another chain, is copied back from its chunk when a continuation re-enters
; it later: the same continuation used first as an escape (fast) and then
; re-entered (copy), many times and from several depths. Each procedure
; runs a few hundred times so that in tiered mode later calls are machine
; code. The expected output is Chez Scheme's.
(define (show x) (write x) (newline))
(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (< i n) (loop (+ i 1) (thunk)) r)))

; ctak: every value is delivered by an escape to a continuation captured
; just below (the fast path), and each frame is captured again after it.
(include "ctak.inc")
(show (repeat 20 (lambda () (ctak 12 8 4))))

; Escape first (the frame is unsealed in place, not copied), then the frame
; changes (y, z and the loop's state), then the same continuation is
; re-entered: the frame must come back as captured, with a = 1 each time.
(define saved-k #f)
(define (escape-then-reenter)
  (let ((log '()) (n 0))
    (let* ((a 1)
           (x (call/cc (lambda (k) (set! saved-k k) (k (* a 10)))))
           (y (+ x a))
           (z (* y 2)))
      (set! a 100)  ; a is assigned: a box, seen by every re-entry alike
      (set! n (+ n 1))
      (set! log (cons (list x y z) log))
      (if (< n 4)
          (saved-k (+ x n))
          (reverse log)))))
(show (repeat 300 escape-then-reenter))

; A continuation captured at the bottom of a recursion holds many frames;
; escaping to it returns through all of them without copying; a re-entry
; from outside (after those frames ran, returned and were overwritten by
; other calls) must restore each one from the chunk.
(define deep-k #f)
(define (sum-down n)
  (if (= n 0)
      (call/cc (lambda (k) (set! deep-k k) (k 0)))
      (let ((r (sum-down (- n 1))))
        (+ r n (* 0 (scribble n))))))
(define (scribble n)  ; calls that reuse the frames the recursion left
  (let loop ((i 0) (acc '()))
    (if (< i 3) (loop (+ i 1) (cons (* i n) acc)) (length acc))))
(define (run-deep-escape)
  (let ((count 0) (results '()))
    (let ((r (sum-down 30)))
      (scribble 99)
      (set! results (cons r results))
      (set! count (+ count 1))
      (if (< count 4)
          (deep-k (* count 1000))
          (reverse results)))))
(show (repeat 200 run-deep-escape))

; Continuations at two depths of one stack: re-entering the outer one
; after the inner frames were unsealed recaptures the inner point; each
; inner continuation then resumes with its own outer frame (v = 1 or 7).
(define outer-k #f)
(define inner-ks '())
(define (outer-frame)
  (let ((v (call/cc (lambda (k) (set! outer-k k) 1))))
    (list 'outer v (inner-frame v))))
(define (inner-frame v)
  (let ((w (call/cc (lambda (k) (set! inner-ks (cons k inner-ks)) (* v 2)))))
    (list 'inner w)))
(define (run-two-depths)
  (set! inner-ks '())
  (let ((count 0) (results '()))
    (let ((r (outer-frame)))
      (set! results (cons r results))
      (set! count (+ count 1))
      (cond ((= count 1) ((car inner-ks) 50))
            ((= count 2) (outer-k 7))
            ((= count 3) ((cadr inner-ks) 60))
            ((= count 4) ((car inner-ks) 70))
            (else (reverse results))))))
(show (repeat 200 run-two-depths))

; A generator that escapes out and is re-entered: each switch replaces the
; frames in place with the other chain's, so no frame is taken as intact.
(define (make-counter-gen limit)
  (define return #f)
  (define (body ignored)
    (let loop ((i 0))
      (when (< i limit)
        (call/cc (lambda (resume) (set! body resume) (return i)))
        (loop (+ i 1))))
    (return 'done))
  (lambda () (call/cc (lambda (r) (set! return r) (body #f)))))
(define (drain-two)
  (let ((g1 (make-counter-gen 5)) (g2 (make-counter-gen 3)))
    (let loop ((acc '()))
      (let* ((a (g1)) (b (g2)))
        (if (and (eq? a 'done) (eq? b 'done))
            (reverse acc)
            (loop (cons (list a b) acc)))))))
(show (repeat 200 drain-two))

; Continuation objects are chunks of saved frames (vm/continuation.h): a
; capture with nothing new to copy returns the topmost chunk itself when it
; is the same continuation with the same dynamic state, and a 0-frame
; continuation naming the chain below otherwise; each saved frame keeps
; only the slots below the next frame. These check that every such
; continuation still resumes the right frame, with the right slot values
; and handlers, however often it is re-entered. Each procedure runs a few
; hundred times so that in tiered mode later calls are machine code.
(define (show x) (write x) (newline))
(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (< i n) (loop (+ i 1) (thunk)) r)))

; The same continuation captured twice at the same point: the second
; call/cc is in tail position of the first one's receiver. Both resume the
; frame of `twice`, which adds 1 to what it receives.
(define saved '())
(define (twice x)
  (+ 1 (call/cc (lambda (k1) (call/cc (lambda (k2) (set! saved (list k1 k2)) x))))))
(define (run-twice)
  (let ((n 0) (results '()))
    (set! results (cons (twice 10) results))
    (set! n (+ n 1))
    (cond ((= n 1) ((car saved) 20))
          ((= n 2) ((cadr saved) 30))
          (else (reverse results)))))
(show (repeat 300 run-twice))

; Re-entry after the captured frame was returned into and captured again
; at another point: re-entering the first point (x := 7) captures the
; second point anew, yet the second point's first continuation still
; resumes with x as it was when it was taken (2).
(define orig-k2 #f)
(define (three-points a b)
  (let* ((k1 #f) (k2 #f)
         (x (call/cc (lambda (k) (set! k1 k) a)))
         (y (call/cc (lambda (k) (set! k2 k) (+ x b)))))
    (list x y k1 k2)))
(define (run-three-points)
  (let* ((count 0) (results '())
         (r (three-points 2 200)))
    (set! count (+ count 1))
    (set! results (cons (list (car r) (cadr r)) results))
    (cond ((= count 1) (set! orig-k2 (cadddr r)) ((caddr r) 7))
          ((= count 2) (orig-k2 9))
          (else (reverse results)))))
(show (repeat 300 run-three-points))

; A capture in tail position under a different handler than the chunk
; below was captured with: the continuation must restore its own handlers.
(define (handlers-differ)
  (call/cc
   (lambda (outer)
     (with-exception-handler
      (lambda (e) (outer (list 'outer-handler e)))
      (lambda ()
        (call/cc (lambda (inner) (raise-continuable 'boom))))))))
(show (repeat 300 handlers-differ))

; A handler of raise-continuable, called from a deep recursion, captures
; the continuation of the raise and re-enters it twice: each re-entry
; resumes every frame below with its own slots.
(define resume-raise #f)
(define (deep n)
  (if (= n 0)
      (raise-continuable 'need-value)
      (let ((v (deep (- n 1))))
        (+ v n))))
(define (run-deep)
  (let ((count 0) (results '()))
    (let ((r (with-exception-handler
              (lambda (e) (call/cc (lambda (k) (set! resume-raise k) 1000)))
              (lambda () (deep 20)))))
      (set! results (cons r results))
      (set! count (+ count 1))
      (if (< count 3)
          (resume-raise (* count 1000000))
          (reverse results)))))
(show (repeat 300 run-deep))

; Generators that walk a deep tree: every switch re-enters a chain of
; several saved frames, then captures the ones returned into since.
(define (make-tree depth n)
  (if (= depth 0) n (cons (make-tree (- depth 1) (* 2 n)) (make-tree (- depth 1) (+ 1 (* 2 n))))))
(define (tree-generator tree)
  (define return #f)
  (define resume
    (lambda (ignored)
      (let walk ((t tree))
        (if (pair? t)
            (begin (walk (car t)) (walk (cdr t)))
            (call/cc (lambda (k) (set! resume k) (return t)))))
      (return 'done)))
  (lambda () (call/cc (lambda (r) (set! return r) (resume #f)))))
(define (sum-pairs tree)
  (let ((g1 (tree-generator tree)) (g2 (tree-generator tree)))
    (let loop ((sum 0) (n 0))
      (let ((a (g1)) (b (g2)))
        (if (or (eq? a 'done) (eq? b 'done))
            (list sum n)
            (loop (+ sum (* a b)) (+ n 1)))))))
(define tree (make-tree 8 1))
(show (repeat 30 (lambda () (sum-pairs tree))))

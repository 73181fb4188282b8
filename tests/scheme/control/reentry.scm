; Re-entering continuations: after the capturing procedure returned, many
; times, and from below a deep recursion.
(define (show x) (write x) (newline))

(define saved #f)
(define (capture) (call/cc (lambda (k) (set! saved k) 0)))
(define count 0)
(let ((v (capture)))
  (set! count (+ count 1))
  (if (< v 3) (saved (+ v 1)))
  (show (list v count)))

; 100000 re-entries of one continuation.
(let ((k #f) (n 0))
  (call/cc (lambda (c) (set! k c)))
  (set! n (+ n 1))
  (if (< n 100000) (k #f))
  (show n))

; A continuation captured 1000 frames deep, re-entered five times: each
; re-entry rebuilds the frames and their pending additions.
(define deep-k #f)
(define (deep n)
  (if (= n 0)
      (call/cc (lambda (c) (set! deep-k c) 0))
      (+ 1 (deep (- n 1)))))
(define results '())
(let ((v (deep 1000)))
  (set! results (cons v results))
  (if (< (length results) 5) (deep-k (length results))))
(show results)

; Local variables of the re-entered frames hold their captured values;
; assigned (boxed) ones are shared.
(define (locals)
  (let ((x 1) (box-count 0) (k #f) (seen '()))
    (let ((y (call/cc (lambda (c) (set! k c) 10))))
      (set! box-count (+ box-count 1))
      (set! seen (cons (list x y box-count) seen))
      (if (< y 13) (k (+ y 1)))
      (reverse seen))))
(show (locals))

; Re-entering a continuation whose frames were overwritten by later calls.
(define k2 #f)
(define (level n) (if (= n 0) (call/cc (lambda (c) (set! k2 c) 'first)) (list n (level (- n 1)))))
(define (clobber n) (if (= n 0) 0 (+ 1 (clobber (- n 1)))))
(let ((r (level 3)))
  (show r)
  (clobber 500)
  (if (eq? (cadr (cadr (cadr r))) 'first) (k2 'second)))

; An assigned local that no closure captures is still one location: a
; re-entry sees its latest value, not the one saved with the frame.
(define (assigned-local)
  (let ((n 0) (k #f))
    (call/cc (lambda (c) (set! k c)))
    (set! n (+ n 1))
    (if (< n 3) (k #f))
    n))
(show (assigned-local))

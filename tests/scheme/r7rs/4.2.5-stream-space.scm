; no-gc-stress: walks a million-element stream
; The R7RS stream example (4.2.5) with a filter that skips a million
; elements: forcing is iterative, and no frame keeps the head of the stream
; alive (registers and slots whose values die at a call are cleared), so it
; runs in constant space.
(define (from n) (delay-force (delay (cons n (from (+ n 1))))))
(define (stream-filter p? s)
  (delay-force
   (if (null? (force s))
       (delay '())
       (let ((h (car (force s)))
             (t (cdr (force s))))
         (if (p? h)
             (delay (cons h (stream-filter p? t)))
             (stream-filter p? t))))))
(define (head stream) (car (force stream)))
(display (head (stream-filter (lambda (x) (> x 1000000)) (from 0)))) (newline)

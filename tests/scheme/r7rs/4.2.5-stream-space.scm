; no-gc-stress: walks a million-element stream
; The R7RS stream example (4.2.5) with a filter that skips a million
; elements: forcing is iterative, and no frame keeps the head of the stream
; alive (registers and slots whose values die at a call are cleared), so it
; runs in constant space. 4.2.5-stream-space.env caps the collector's heap
; at 32 MiB (about 8 times what the walk needs): a stream retained from its
; head takes some 300 MiB, so a leak fails the test with "out of memory"
; instead of passing slowly. The default tier-up threshold (100) makes the
; filter's callers reach compiled code through the VM midway, the case where
; a returned value once stayed in the Thread (jit_value) for good;
; 4.2.5-stream-space-threshold2.scm covers early tier-ups.
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

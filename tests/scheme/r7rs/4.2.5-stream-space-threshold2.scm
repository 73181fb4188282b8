; no-gc-stress: walks a million-element stream
; 4.2.5-stream-space.scm with every function tiering up after 2 calls
; (KILN_JIT_THRESHOLD=2 in the .env) and the heap capped at 32 MiB. Here
; the machine code that runs the whole walk is entered from the
; interpreter early, and the entry stub's frame on the C stack stays live
; throughout: an uncleared word in it once held a filter thunk of the first
; elements, keeping the stream alive from there.
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

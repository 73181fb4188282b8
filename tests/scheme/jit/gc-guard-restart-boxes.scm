;; Restarting a loop at a failed element guard (emit_ops.cpp, flonum_guard)
;; boxes its raw doubles one by one into the outgoing area: a collection in
;; the boxing of a later one must still see the boxes staged before it
;; (CodeGen::call's outgoing count, the restart's length). Under the .env's
;; KILN_GC_STRESS (a collection every allocation) the first box was freed
;; and reused: (95.75 89.25).
(import (scheme base) (scheme write))
;; Two raw flonum accumulators: an element guard failure boxes both to restart.
(define (sum2 v i s t)
    (if (= i (vector-length v)) (list s t)
        (sum2 v (+ i 1) (+ s (vector-ref v i)) (- t (vector-ref v i)))))
(define floats (vector 1.5 2.25 3. 4.125))
(let warm ((r 0)) (when (< r 300) (sum2 floats 0 0. 100.) (warm (+ r 1))))
(let loop ((r 0))
  (when (< r 5)
    (write (sum2 (vector 1.5 2.5 3.5 2 1.25) 0 0. 100.)) (newline)
    (loop (+ r 1))))

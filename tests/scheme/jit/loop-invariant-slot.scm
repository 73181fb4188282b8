;; A value defined before a loop and read in it, passed along the loop's back
;; edge, lives in a frame slot when a call comes before the loop. The
;; back-edge jump cleared that slot as if the value died there (its
;; interval ends at the jump, the last position of the loop), so the next
;; iteration read #f (found by scripts/fuzz-tiers).
(define (id x) x)
(define (keep p) (let loop ((i 0) (acc (id 2.0))) (if (< i 10) (loop (+ i 1) p) acc)))
(define (keep-rest . p) (let loop ((i 0) (acc (id 2.0))) (if (< i 10) (loop (+ i 1) p) acc)))
(define (divide p) (/ -909.5 (let loop ((i 0) (acc (id 2.0))) (if (< i 10) (loop (+ i 1) p) acc))))
(define (sum-with p)
  (let ((v (id (vector 1 2 3))))
    (let loop ((i 0) (s 0))
      (if (< i 3) (loop (+ i 1) (+ s (vector-ref v i) p)) s))))
(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (thunk)))
(let repeat ((n 0))
  (when (< n 3)
    (write (list (keep 'x) (keep 3) (keep-rest 'a 'b) (divide 4) (sum-with 10)
                 (message (lambda () (divide 'y)))))
    (newline)
    (repeat (+ n 1))))

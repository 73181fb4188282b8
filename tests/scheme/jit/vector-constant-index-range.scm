;; A constant vector index near the fixnum limit must be range-checked like
;; any other: the JIT's constant-index path once shifted (k + 1) into the
;; header's size field without checking for overflow, so (2^62 - 1) passed
;; as a small index and vector-set! wrote far outside the vector (found by
;; scripts/fuzz-tiers).
(define (message thunk)
  (guard (e ((error-object? e)
             (let ((irritants (error-object-irritants e)))
               ;; the index, and the vector's length rather than the vector
               (list (error-object-message e) (car irritants) (vector-length (cadr irritants))))))
    (thunk)))
(define (set-max v) (vector-set! v 4611686018427387903 0) 'wrote)
(define (set-min v) (vector-set! v -4611686018427387904 0) 'wrote)
(define (ref-max v) (vector-ref v 4611686018427387903))
(define (ref-big v) (vector-ref v 2305843009213693952))
(define (set-edge v) (vector-set! v 32766 'edge) (vector-ref v 32766))
(define (ref-last v) (vector-ref v 32767))
(let loop ((i 0))
  (when (< i 3)
    (let ((v (make-vector 5 3)))
      (write (message (lambda () (set-max v)))) (newline)
      (write (message (lambda () (set-min v)))) (newline)
      (write (message (lambda () (ref-max v)))) (newline)
      (write (message (lambda () (ref-big v)))) (newline)
      (write v) (newline))
    (let ((w (make-vector 32768 0)))
      (write (set-edge w))
      (write (ref-last w))
      (write (message (lambda () (ref-last (make-vector 32767 0)))))
      (newline))
    (loop (+ i 1))))

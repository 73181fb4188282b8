; (jit-stats) names every statistic, and the per-function compile times are
; consistent: median <= p99, and both are zero exactly when nothing was
; compiled (as with --jit=off, where jit-compile! does nothing).
(define (square x) (* x x))
(jit-compile! square)
(display (square 12)) (newline)
(define stats (jit-stats))
(write (map car stats)) (newline)
(define (stat name) (cdr (assq name stats)))
(display (<= 0 (stat 'compile-median-us) (stat 'compile-p99-us))) (newline)
(display (eq? (= 0 (stat 'compiled)) (= 0 (stat 'compile-p99-us)))) (newline)
(display (eq? (= 0 (stat 'compiled)) (= 0 (stat 'code-bytes)))) (newline)
(display (stat 'rejected)) (newline)

; no-gc-stress: builds lists of 400,000 pairs 60 times
;; Safe for space when the VM calls machine code: the .env caps the heap
;; at 16 MiB, where one 400,000-pair list (6.4 MB) fits and two do not.
;; use-big stays in the VM (60 calls, under the threshold) and stages 13
;; arguments for `list`, the last the big list, in its outgoing words; its
;; next activation, at the same depth, calls `build`, which runs as
;; machine code in those words. The VM left Thread::sp at its own frame's
;; end, above the arguments it passed, and machine code never stores sp:
;; the collector scanned the stale word, and each list stayed alive while
;; the next was built. The VM now lowers sp to the arguments' end when it
;; enters machine code.
(define (build n acc) (if (= n 0) acc (build (- n 1) (cons n acc))))
(define (use-big)
  (let ((big (build 400000 '())))
    (list 1 2 3 4 5 6 7 8 9 10 11 12 big)
    0))
(define (loop i) (if (< i 60) (begin (use-big) (loop (+ i 1)))))
(loop 0)
(display "ok") (newline)

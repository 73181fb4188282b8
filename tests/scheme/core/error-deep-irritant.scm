;; An uncaught error whose irritant is nested too deeply for `write` (which
;; raises past its depth limit) is still reported, the irritant shown as a
;; note: reporting an error must not raise another (it used to end the
;; process with an uncaught C++ exception).
(define (nest n)
  (let loop ((i 0) (x '()))
    (if (= i n) x (loop (+ i 1) (list x)))))
(display "before\n")
(error "boom:" 1 (nest 100000) 'after)

;; An uncaught set-cdr! of a literal pair in a procedure that has run as
;; machine code (called 200 times first) reports the call's source location.
(define (push! cell x) (set-cdr! cell (cons x (cdr cell))))
(define mutable (list 'head))
(let loop ((i 0))
  (when (< i 200)
    (push! mutable i)
    (loop (+ i 1))))
(display (length mutable)) (newline)
(push! '(head) 'oops)

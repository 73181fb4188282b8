;; An error raised by a primitive that a guarded call site runs inline
;; (jit/sampled_callees.cpp) has the generic call's message, location and
;; backtrace: the site's function and its callers, as in the VM.
(define (map1 f l) (if (null? l) '() (cons (f (car l)) (map1 f (cdr l)))))
(define (sum l) (apply + (map1 cdr l)))
(do ((i 0 (+ i 1))) ((= i 300)) (sum '((1 . 2) (3 . 4))))
(display (sum '((1 . 2) (3 . 4)))) (newline)
(sum '((1 . 2) 5))

;; A raw self call's argument (jit/raw_self_calls.h) is one flonum in the
;; callee, as on the VM, even where it is read in several blocks: here x
;; goes to the `if`'s join and is read there again, and eq? compares the
;; two. (Entered raw, a new box for each block made them differ.)
(define (two x n)
  (if (= n 0)
      (let ((p (cons x (if (> x 0.) x #f))))
        (if (eq? (car p) (cdr p)) 1. 0.))
      (+ 0. (two (+ x 1.) (- n 1)))))
(define (warm i) (if (= i 0) 'ok (begin (two 1. 3) (warm (- i 1)))))
(warm 300)
(display (list (two 1. 0) (two 1. 1) (two 1. 3) (two -1. 2)))
(newline)

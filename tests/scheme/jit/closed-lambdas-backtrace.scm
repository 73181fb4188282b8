;; An error in a closed lambda (analyze.h, Lambda::closed) reached through
;; direct calls of constant closures, from a closure and from another
;; closed lambda: the backtrace names every frame, with its location, as
;; the VM's does.
(define (run-it l)
  (define (inner x) (car x))
  (define (middle x) (+ 1 (inner x)))
  (let ((f (lambda (x) (* 2 (middle x)))))
    (+ (f (car l)) (f (cadr l)))))
(let loop ((i 0)) (if (< i 300) (begin (run-it '((1) (2))) (loop (+ i 1)))))  ; hot
(display (run-it '((1) (2)))) (newline)
(run-it '((1) oops))

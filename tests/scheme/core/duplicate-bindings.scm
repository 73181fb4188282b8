;; A name bound twice by one binding form is a syntax error (R7RS: "it is
;; an error"), whichever form binds it; they were accepted silently, the
;; later binding winning. Names bound by nested forms may shadow.
(import (scheme base) (scheme write) (scheme eval))
(define (try form)
  (write (guard (e ((error-object? e) (error-object-message e)))
           (eval form (environment '(scheme base)))))
  (newline))
(try '(let ((x 1) (x 2)) x))
(try '(letrec ((x 1) (x 2)) x))
(try '(letrec* ((x 1) (x 2)) x))
(try '((lambda (x . x) x) 1 2))
(try '((lambda (x y x) x) 1 2 3))
(try '(let-values (((x x) (values 1 2))) x))
(try '(let-values (((x) 1) ((y . x) 2)) x))
(try '((lambda () (define x 1) (define x 2) x)))
(try '((lambda () (define-values (x x) (values 1 2)) x)))
(try '((lambda () (define-values (x . x) (values 1 2)) x)))
;; Shadowing is not duplication.
(try '(let ((x 1)) (let ((x 2)) x)))
(try '((lambda (x) (define x 3) x) 1))
(try '(let*-values (((x) 1) ((x) 4)) x))
(try '(let* ((x 1) (x (+ x 4))) x))

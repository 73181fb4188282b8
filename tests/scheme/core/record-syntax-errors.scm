;; Malformed define-record-type forms are syntax errors (they used to crash
;; the expander: a form without a predicate, or with an improper
;; constructor spec, was walked past its end; found by fuzz/compile).
(define (try form)
  (guard (e ((error-object? e) (display (error-object-message e)) (newline)))
    (eval form (environment '(scheme base)))
    (display "ok\n")))
(try '(define-record-type box (make-box x)))
(try '(define-record-type box #f))
(try '(define-record-type box (make-box . x) box?))
(try '(define-record-type box (make-box x) box? (x box-x) . more))
(try '(define-record-type box ("make-box" x) box? (x box-x)))
(try '(define-record-type box (make-box x) box? (x box-x)))

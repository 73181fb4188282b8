;;; Guile 3.0 shim: prepended to a benchmark body; the runner compiles the
;;; result with compile-file at optimization level 3 (what `guild compile -O3`
;;; does) and runs the .go file.

;; R7RS names missing from Guile's default (guile-user) environment.
(use-modules (srfi srfi-9))  ; define-record-type
(define (exact x) (inexact->exact x))
(define (inexact x) (exact->inexact x))

(define (bench-args) (cdr (command-line)))

(define (bench-arg n default)
  (let loop ((args (bench-args)) (i 0))
    (cond ((null? args) default)
          ((= i n) (string->number (car args)))
          (else (loop (cdr args) (+ i 1))))))

(define (bench-result x) (display x) (newline))

;; Guile's native hash tables; hash-ref/hash-set! compare keys with equal?.
(define (make-table) (make-hash-table))
(define (table-ref t k default) (hash-ref t k default))
(define (table-set! t k v) (hash-set! t k v))
(define (table-update! t k f default)
  (hash-set! t k (f (hash-ref t k default))))

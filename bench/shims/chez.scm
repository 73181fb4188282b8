;;; Chez Scheme 9.5 shim (R6RS): the runner prepends this to a benchmark body
;;; and compiles the result as an R6RS top-level program, so every benchmark
;;; definition is a program-local binding Chez can inline.
(import (chezscheme))

;; Command-line arguments after the program name.
(define (bench-args) (cdr (command-line)))

;; The Nth (0-based) argument as a number, or DEFAULT when absent.
(define (bench-arg n default)
  (let loop ((args (bench-args)) (i 0))
    (cond ((null? args) default)
          ((= i n) (string->number (car args)))
          (else (loop (cdr args) (+ i 1))))))

(define (bench-result x) (display x) (newline))

;; Hash tables keyed by equal?.
(define (make-table) (make-hashtable equal-hash equal?))
(define (table-ref t k default) (hashtable-ref t k default))
(define (table-set! t k v) (hashtable-set! t k v))
(define (table-update! t k f default) (hashtable-update! t k f default))

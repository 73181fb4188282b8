;;; Chez Scheme 9.5 shim (R6RS): the runner prepends this to a benchmark body
;;; and compiles the result as an R6RS top-level program, so every benchmark
;;; definition is a program-local binding Chez can inline.
(import (except (chezscheme) define-record-type)
        (rename (only (chezscheme) define-record-type)
                (define-record-type r6rs-define-record-type)))

;; R7RS define-record-type on top of Chez's own, for benchmarks whose
;; constructor takes every field in declaration order (R6RS constructors
;; always do). Chez still sees syntactic records, which it inlines.
(define-syntax define-record-type
  (syntax-rules ()
    ((_ type (ctor field ...) pred spec ...)
     (r7rs-record-fields (type ctor pred) (spec ...) ()))))
(define-syntax r7rs-record-fields
  (syntax-rules ()
    ((_ head () (out ...)) (r6rs-define-record-type head (fields out ...)))
    ((_ head ((f get set) rest ...) (out ...))
     (r7rs-record-fields head (rest ...) (out ... (mutable f get set))))
    ((_ head ((f get) rest ...) (out ...))
     (r7rs-record-fields head (rest ...) (out ... (immutable f get))))))

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

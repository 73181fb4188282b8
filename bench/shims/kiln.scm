;;; Kiln shim: prepended to a benchmark body; the runner runs the result as
;;; `build/kiln FILE ARGS` (plus --jit=off|eager for those modes).
(import (scheme base) (scheme write) (scheme char) (scheme inexact) (scheme cxr) (srfi 69)
        (scheme process-context))

;; (command-line) is (program-name arg ...); skip a leading script path too,
;; in case the program name is the interpreter itself.
(define (bench-args)
  (let ((args (cdr (command-line))))
    (if (and (pair? args)
             (let ((s (car args)))
               (and (>= (string-length s) 4)
                    (string=? (substring s (- (string-length s) 4)
                                         (string-length s))
                              ".scm"))))
        (cdr args)
        args)))

(define (bench-arg n default)
  (let loop ((args (bench-args)) (i 0))
    (cond ((null? args) default)
          ((= i n) (string->number (car args)))
          (else (loop (cdr args) (+ i 1))))))

(define (bench-result x) (display x) (newline))

;; SRFI 69 hash tables (default equivalence equal?).
(define (make-table) (make-hash-table))
(define (table-ref t k default) (hash-table-ref/default t k default))
(define (table-set! t k v) (hash-table-set! t k v))
(define (table-update! t k f default) (hash-table-update!/default t k f default))

;; eqv- and equal-tables compare immediate keys (fixnums, characters,
;; booleans, the empty list) by identity before calling eqv?/equal?: keys
;; that are equal only as other kinds of numbers must stay apart, and
;; heap keys must still compare by content.
(import (scheme base) (scheme write) (srfi 69))

(define (fill t)
  (for-each (lambda (k v) (hash-table-set! t k v))
            (list 1 1.0 (expt 2 70) (* 1.0 (expt 2 70)) #\a 97 #t #f '() "1" '(1) 1/2 .5)
            '(fix flo big bigflo char code true false nil str list ratio half))
  t)
(define (probe t)
  (map (lambda (k) (hash-table-ref/default t k 'none))
       (list 1 1.0 (expt 2 70) (* 1.0 (expt 2 70)) #\a 97 #t #f '() (string #\1) (list 1) 1/2 .5 2 #\b "2")))
(write (probe (fill (make-hash-table eqv?)))) (newline)
(write (probe (fill (make-hash-table equal?)))) (newline)
(write (probe (fill (make-hash-table)))) (newline)

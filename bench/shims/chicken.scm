;;; CHICKEN 5 shim: prepended to a benchmark body and compiled with csc -O3.
;;; CHICKEN 5's core is R5RS plus extensions; the r7rs and srfi-69 eggs are
;;; not part of chicken-bin, so the few R7RS names and the hash table the
;;; benchmarks need are defined here.
(import (chicken process-context) (chicken fixnum))

(define (exact x) (inexact->exact x))
(define (inexact x) (exact->inexact x))
(define (string-for-each f s)
  (let ((n (string-length s)))
    (do ((i 0 (+ i 1))) ((= i n)) (f (string-ref s i)))))

(define (bench-args) (command-line-arguments))

(define (bench-arg n default)
  (let loop ((args (bench-args)) (i 0))
    (cond ((null? args) default)
          ((= i n) (string->number (car args)))
          (else (loop (cdr args) (+ i 1))))))

(define (bench-result x) (display x) (newline))

;; A chained hash table keyed by equal?: a vector of buckets (association
;; lists) that doubles when the load factor passes 2. Hashes fixnums,
;; strings, symbols and chars; other keys land in bucket 0 (still correct).
(define (table-hash k)
  (cond ((fixnum? k) (if (< k 0) (- k) k))
        ((string? k)
         (let ((n (string-length k)))
           (let loop ((i 0) (h 0))
             (if (= i n) h
                 (loop (+ i 1)
                       (fxand (+ (* h 31) (char->integer (string-ref k i)))
                              #x3FFFFFFF))))))
        ((symbol? k) (table-hash (symbol->string k)))
        ((char? k) (char->integer k))
        (else 0)))
(define (make-table) (vector (make-vector 64 '()) 0))
(define (table-find t k)
  (let ((b (vector-ref t 0)))
    (assoc k (vector-ref b (modulo (table-hash k) (vector-length b))))))
(define (table-ref t k default)
  (let ((p (table-find t k))) (if p (cdr p) default)))
(define (table-grow! t)
  (let* ((old (vector-ref t 0))
         (new (make-vector (* 2 (vector-length old)) '())))
    (do ((i 0 (+ i 1))) ((= i (vector-length old)))
      (for-each (lambda (p)
                  (let ((j (modulo (table-hash (car p)) (vector-length new))))
                    (vector-set! new j (cons p (vector-ref new j)))))
                (vector-ref old i)))
    (vector-set! t 0 new)))
(define (table-set! t k v)
  (let ((p (table-find t k)))
    (if p
        (set-cdr! p v)
        (let* ((b (vector-ref t 0))
               (j (modulo (table-hash k) (vector-length b))))
          (vector-set! b j (cons (cons k v) (vector-ref b j)))
          (vector-set! t 1 (+ (vector-ref t 1) 1))
          (if (> (vector-ref t 1) (* 2 (vector-length b))) (table-grow! t))))))
(define (table-update! t k f default)
  (table-set! t k (f (table-ref t k default))))

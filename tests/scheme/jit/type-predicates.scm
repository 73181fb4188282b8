;; The type predicates machine code tests inline (symbol? string? vector?
;; bytevector? char? boolean? procedure? number? exact-integer?), both as
;; values and as branch
;; conditions, over one value of every kind; every mode must agree.
(import (scheme base) (scheme write) (scheme case-lambda))

(define samples
  (list 'sym "str" (string #\a) #(1 2) (vector) (bytevector 1 2) #\a #\x3bb
        #t #f 0 -7 (expt 2 70) (- (expt 2 70)) 1.5 -0.0 2/3 '() '(1 . 2) car (lambda (x) x)
        (case-lambda ((x) 1) ((x y) 2)) (make-parameter 1)
        (call-with-current-continuation (lambda (k) k))
        (string->symbol "with space") (if #f #f) (eof-object)))

;; As values: a list of booleans per sample.
(define (classify x)
  (list (symbol? x) (string? x) (vector? x) (bytevector? x) (char? x) (boolean? x)
        (procedure? x) (number? x) (exact-integer? x)))

;; As branch conditions: the name of the first predicate that holds.
(define (kind x)
  (cond ((symbol? x) 'symbol)
        ((string? x) 'string)
        ((vector? x) 'vector)
        ((bytevector? x) 'bytevector)
        ((char? x) 'char)
        ((boolean? x) 'boolean)
        ((procedure? x) 'procedure)
        ((exact-integer? x) 'exact-integer)
        ((number? x) 'number)
        (else 'other)))

(define (count-procedures l)
  (let loop ((l l) (n 0))
    (if (null? l) n (loop (cdr l) (if (procedure? (car l)) (+ n 1) n)))))

(let loop ((i 0))
  (when (< i 3)  ; the later rounds run compiled code in tiered mode too
    (for-each (lambda (x) (write (list (kind x) (classify x))) (newline)) samples)
    (write (count-procedures samples))
    (newline)
    (loop (+ i 1))))

;; C's qsort sorting C memory with a comparator written in Scheme: a
;; callback made by foreign-callback is a C function pointer.
;;   build/kiln examples/ffi-qsort.scm
(import (scheme base) (scheme write) (kiln ffi))

(define qsort (foreign-procedure "qsort" '(pointer size_t size_t pointer) 'void))

;; Copy a list of numbers into a C array of int32.
(define (list->int-array xs)
  (let ((p (foreign-alloc (* 4 (length xs)))))
    (let loop ((xs xs) (i 0))
      (unless (null? xs)
        (pointer-set-int32! p (* 4 i) (car xs))
        (loop (cdr xs) (+ i 1))))
    p))

(define (int-array->list p n)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0) acc (loop (- i 1) (cons (pointer-ref-int32 p (* 4 i)) acc)))))

;; int compare(const void* a, const void* b)
(define calls 0)
(define ascending
  (foreign-callback
   (lambda (a b)
     (set! calls (+ calls 1))
     (let ((x (pointer-ref-int32 a 0)) (y (pointer-ref-int32 b 0)))
       (cond ((< x y) -1) ((> x y) 1) (else 0))))
   '(pointer pointer) 'int))

(define data '(42 7 -3 19 0 7 100 -50 8))
(define arr (list->int-array data))
(qsort arr (length data) 4 ascending)
(display (int-array->list arr (length data))) (newline)
(display (if (> calls 0) "the comparator ran in Scheme" "no calls")) (newline)

;; Sorting strings: an array of char* compared by length, then text.
(define strcmp (foreign-procedure "strcmp" '(pointer pointer) 'int))
(define by-length
  (foreign-callback
   (lambda (pa pb)
     (let ((a (pointer-ref-pointer pa 0)) (b (pointer-ref-pointer pb 0)))
       (let ((la (string-length (pointer->string a))) (lb (string-length (pointer->string b))))
         (cond ((< la lb) -1) ((> la lb) 1) (else (strcmp a b))))))
   '(pointer pointer) 'int))
(define words '("pear" "fig" "banana" "kiwi" "apple"))
(define strs (foreign-alloc (* 8 (length words))))
(let loop ((ws words) (i 0))
  (unless (null? ws)
    (pointer-set-pointer! strs (* 8 i) (string->pointer (car ws)))
    (loop (cdr ws) (+ i 1))))
(qsort strs (length words) 8 by-length)
(let loop ((i 0))
  (when (< i (length words))
    (let ((s (pointer-ref-pointer strs (* 8 i))))
      (display (pointer->string s)) (display " ")
      (foreign-free s))
    (loop (+ i 1))))
(newline)
(foreign-free strs)
(foreign-free arr)

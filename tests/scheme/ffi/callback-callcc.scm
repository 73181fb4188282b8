;; call/cc inside a foreign callback: the capture seals the frames below the
;; callback's activation too, including the one that made the foreign call;
;; that frame must run on, unsealed, once the call returns (and after an
;; error unwinds out of the callback), with its own values -- in every tier.
(import (scheme base) (scheme write) (kiln ffi))

(define qsort (foreign-procedure "qsort" '(pointer size_t size_t pointer) 'void))
(define saved '())
(define (identity x) x)
(define (sort-ints xs capture?)
  (let* ((n (length xs))
         (arr (foreign-alloc (* 8 n))))
    (let loop ((xs xs) (i 0))
      (unless (null? xs) (pointer-set-int64! arr (* 8 i) (car xs)) (loop (cdr xs) (+ i 1))))
    (qsort arr n 8
           (foreign-callback
            (lambda (a b)
              (if capture? (call/cc (lambda (k) (set! saved (cons k saved)) k)))
              (let ((x (pointer-ref-int64 a 0)) (y (pointer-ref-int64 b 0)))
                (cond ((< x y) -1) ((< y x) 1) (else 0))))
            '(pointer pointer) 'int))
    ;; This frame called qsort: it goes on with its own n and arr, and a
    ;; Scheme call returns into it.
    (let* ((twice (* n 2)) (tag (vector 'after n)) (one (identity 1)))
     (let loop ((i (- (identity n) one)) (acc (identity '())))
      (if (< i 0)
          (list n twice tag acc)
          (loop (- i 1) (cons (pointer-ref-int64 arr (* 8 i)) acc)))))))
(define (sum-sorted xs capture?) (+ 1000 (length (list-ref (sort-ints xs capture?) 3))))
(let repeat ((i 0) (acc '()))
  (if (< i 150)
      (repeat (+ i 1) (list (sort-ints '(5 -2 99 0 17 3 3 -40) (odd? i)) (sum-sorted '(4 1 3) #t)))
      (begin (write acc) (newline))))
(write (> (length saved) 0)) (newline)

;; A function compiled with a lean direct call of qsort (no callback
;; existed then), entered lazily from a compiled loop, calls a comparator
;; that raises once a callback exists: the error is reported uncaught with
;; the call's location and the loop's frame, as on the VM.
(import (scheme base) (kiln) (kiln ffi))
(define qsort (foreign-procedure "qsort" '(pointer size_t size_t pointer) 'void))
(define arr (foreign-alloc 16))
(pointer-set-int64! arr 0 2)
(pointer-set-int64! arr 8 1)
(define cmp null-pointer)
(define (sort-arr count) (qsort arr count 8 cmp) count)
(define (sort-loop k count)
  (let loop ((i 0) (acc 0))
    (if (= i k) acc (loop (+ i 1) (+ acc (sort-arr count))))))
(jit-compile! sort-arr)
(jit-compile! sort-loop)
(sort-loop 100 0)
(set! cmp (foreign-callback (lambda (a b) (vector-ref (vector) 7)) '(pointer pointer) 'int))
(sort-loop 100 2)

;; A C function that can start a collection -- here the collector's own
;; GC_gcollect, which this program links -- is never called lean
;; (ffi/library.h may_reach_collector): the collector must see every frame
;; of the deep recursion that calls it, and their values survive.
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(define (stat name) (cdr (assq name (jit-stats))))
(define (probe) 1)
(define jit? (jit-compile! probe))
(define gc (foreign-procedure "GC_gcollect" '() 'void))
(define c-abs (foreign-procedure "abs" '(int) 'int))
(define (build n)
  (if (= n 0)
      (begin (gc) '())
      (let* ((cell (list n (make-vector 3 (- n))))
             (rest (build (- n 1))))
        (cons cell rest))))
(define (check cells)
  (let loop ((cells cells) (sum 0))
    (if (null? cells)
        sum
        (let ((c (car cells)))
          (loop (cdr cells) (+ sum (car c) (c-abs (vector-ref (cadr c) 2))))))))
(define lean (stat 'ffi-lean))
(jit-compile! build)
(write (if jit? (= (stat 'ffi-lean) lean) #t))   ; the gc call is not lean
(newline)
(jit-compile! check)
(write (if jit? (= (stat 'ffi-lean) (+ lean 1)) #t))   ; abs is
(newline)
(let loop ((k 0))
  (when (< k 20)
    (let ((cells (build 2000)))
      (make-vector 1000 k)
      (gc)
      (unless (= (check cells) (* 2 2001000)) (error "lost a value" k)))
    (loop (+ k 1))))
(write 'ok)
(newline)

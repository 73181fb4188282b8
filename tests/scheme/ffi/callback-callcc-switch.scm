;; A foreign callback whose activation switches chains (a generator inside
;; the callback, or an exit through the callback's own continuation after
;; a deeper capture): the captures seal the frame that made the foreign
;; call too, and the switch leaves it sealed but not known intact. Once the
;; callback's activation is left, that frame runs on in place, unsealed: a
;; call it makes afterwards must return into it as it is, not into its copy
;; from the capture (which crashed: a stale record and slots).
(import (scheme base) (scheme write) (kiln ffi))
(define qsort (foreign-procedure "qsort" '(pointer size_t size_t pointer) 'void))
(define (identity x) x)

;; One value through a generator: a switch to the generator's chain and one
;; back to the caller's.
(define (gen-value v)
  (define return #f)
  (define resume
    (lambda (ignored) (let ((w (list v))) (call/cc (lambda (k) (set! resume k) (return (car w)))))))
  (+ 0 (call/cc (lambda (r) (set! return r) (resume #f)))))
;; Captures a continuation, then leaves through `exit`, the continuation of
;; the callback's activation itself.
(define (leave-deep exit r) (let ((k2 (call/cc (lambda (k) k)))) (exit r)))

(define (compare x y) (cond ((< x y) -1) ((< y x) 1) (else 0)))
(define callbacks
  (list (lambda (a b) (gen-value (compare (pointer-ref-int64 a 0) (pointer-ref-int64 b 0))))
        (lambda (a b)
          (call/cc (lambda (exit)
                     (+ 0 (leave-deep exit (compare (pointer-ref-int64 a 0) (pointer-ref-int64 b 0)))))))))

(define (sort-ints xs proc)
  (let* ((n (length xs))
         (arr (foreign-alloc (* 8 n))))
    (let loop ((xs xs) (i 0))
      (unless (null? xs) (pointer-set-int64! arr (* 8 i) (car xs)) (loop (cdr xs) (+ i 1))))
    (qsort arr n 8 (foreign-callback proc '(pointer pointer) 'int))
    ;; This frame called qsort: new locals, and calls returning into it.
    (let* ((twice (* n 2)) (tag (vector 'after n)) (one (identity 1)))
      (let loop ((i (- (identity n) one)) (acc (identity '())))
        (if (< i 0)
            (list n twice tag acc)
            (loop (- i 1) (cons (pointer-ref-int64 arr (* 8 i)) acc)))))))
(define (outer xs proc) (let* ((r (sort-ints xs proc)) (z (identity (length xs)))) (list r z)))

(for-each
 (lambda (proc)
   (let repeat ((i 0) (r #f))
     (if (< i 150)
         (repeat (+ i 1) (outer '(5 -2 99 0 17 3 3 -40) proc))
         (begin (write r) (newline)))))
 callbacks)

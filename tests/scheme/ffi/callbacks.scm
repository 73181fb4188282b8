;; Callbacks: qsort with a Scheme comparator, callbacks that capture state,
;; and an error inside a callback, raised after the foreign call returns.
(import (scheme base) (scheme write) (kiln ffi))

(define qsort (foreign-procedure "qsort" '(pointer size_t size_t pointer) 'void))

(define (fill! p xs)
  (let loop ((xs xs) (i 0))
    (unless (null? xs) (pointer-set-int64! p (* 8 i) (car xs)) (loop (cdr xs) (+ i 1)))))
(define (read-back p n)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0) acc (loop (- i 1) (cons (pointer-ref-int64 p (* 8 i)) acc)))))

(define (comparator less?)
  (foreign-callback
   (lambda (a b)
     (let ((x (pointer-ref-int64 a 0)) (y (pointer-ref-int64 b 0)))
       (cond ((less? x y) -1) ((less? y x) 1) (else 0))))
   '(pointer pointer) 'int))

(define data '(5 -2 99 0 17 3 3 -40))
(define n (length data))
(define arr (foreign-alloc (* 8 n)))
(fill! arr data)
(qsort arr n 8 (comparator <))
(write (read-back arr n)) (newline)
(qsort arr n 8 (comparator >))
(write (read-back arr n)) (newline)

;; A callback that garbage is made inside: many calls, collections in between.
(define count 0)
(define counting
  (foreign-callback
   (lambda (a b)
     (set! count (+ count 1))
     (let ((junk (make-vector 100 (list count))))
       (- (pointer-ref-int64 a 0) (pointer-ref-int64 b 0))))
   '(pointer pointer) 'int))
(define big 500)
(define arr2 (foreign-alloc (* 8 big)))
(let loop ((i 0)) (when (< i big) (pointer-set-int64! arr2 (* 8 i) (modulo (* i 7919) big)) (loop (+ i 1))))
(qsort arr2 big 8 counting)
(write (list (pointer-ref-int64 arr2 0) (pointer-ref-int64 arr2 (* 8 250)) (pointer-ref-int64 arr2 (* 8 499))))
(newline)
(write (> count big)) (newline)

;; An error in the comparator: C gets zeros, and the error is raised when
;; qsort returns, where a guard catches it.
(define calls 0)
(define failing
  (foreign-callback
   (lambda (a b) (set! calls (+ calls 1)) (car 'not-a-pair))
   '(pointer pointer) 'int))
(write (guard (e ((error-object? e) (list 'caught (error-object-message e))))
         (qsort arr n 8 failing)
         'not-reached))
(newline)
(write calls) (newline)   ; Scheme ran once; later calls returned 0 at once

;; A raise of a non-error object, and a result of the wrong type.
(define raising (foreign-callback (lambda (a b) (raise 'oops)) '(pointer pointer) 'int))
(write (guard (e ((symbol? e) (list 'caught e))) (qsort arr n 8 raising))) (newline)
(define wrong (foreign-callback (lambda (a b) "three") '(pointer pointer) 'int))
(write (guard (e ((error-object? e) (error-object-message e))) (qsort arr n 8 wrong))) (newline)

;; A guard inside the callback works as usual.
(define guarded
  (foreign-callback
   (lambda (a b) (guard (e (#t 0)) (car '())))
   '(pointer pointer) 'int))
(qsort arr n 8 guarded)
(write 'guarded-ok) (newline)

;; Freed callbacks; an arity mismatch is an ordinary Scheme error.
(foreign-callback-free! guarded)
(write (guard (e ((error-object? e) (error-object-message e)))
         (foreign-callback-free! (integer->pointer 16))))
(newline)
(foreign-free arr)
(foreign-free arr2)

;; Direct foreign calls compiled while no foreign-callback exists are lean
;; (src/jit/emit_ffi.cpp: no frame pc, no frames_top, no failure test, no
;; frame record). Here the first callback is made in the middle of a loop
;; running such calls, by a Scheme procedure the loop calls every 1000th
;; iteration: the loop goes on in the same activation, its qsort call now
;; calls back into Scheme through the comparator, and a raising
;; comparator's error reaches the guard around the call. Each line is the
;; same on the VM and in machine code.
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(define (show label x) (display label) (display ": ") (write x) (newline))
(define (stat name) (cdr (assq name (jit-stats))))
(define (probe) 1)
(define jit? (jit-compile! probe))

(define c-abs (foreign-procedure "abs" '(int) 'int))
(define qsort (foreign-procedure "qsort" '(pointer size_t size_t pointer) 'void))
(define n 6)
(define arr (foreign-alloc (* 8 n)))
(define (fill! seed)
  (do ((i 0 (+ i 1))) ((= i n)) (pointer-set-int64! arr (* 8 i) (modulo (* (+ i seed) 7) 11))))
(define (read-back)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0) acc (loop (- i 1) (cons (pointer-ref-int64 arr (* 8 i)) acc)))))

;; The comparator: the null pointer (qsort of 0 elements never calls it)
;; until `hook` makes the first callback of the process.
(define cmp null-pointer)
(define made-at #f)
(define lean-before #f)
(define invalidations-before #f)
(define compares 0)
(define (hook i)
  (when (and (= i 5000) (not made-at))
    (set! lean-before (stat 'ffi-lean))
    (set! invalidations-before (stat 'invalidations))
    (set! made-at i)
    (set! cmp (foreign-callback
               (lambda (a b)
                 (set! compares (+ compares 1))
                 (- (pointer-ref-int64 a 0) (pointer-ref-int64 b 0)))
               '(pointer pointer) 'int))
    (fill! i)))

(define (run iterations)
  (let loop ((i 0) (sum 0))
    (cond ((= i iterations) sum)
          (else
           (when (= 0 (modulo i 1000)) (hook i))
           (qsort arr (if made-at n 0) 8 cmp)
           (loop (+ i 1) (+ sum (c-abs (- (modulo i 7)))))))))


;; A function compiled lean, whose only call is the lean one (it runs
;; without its frame record), run before the first callback and, below,
;; with a comparator that raises: the error is raised by the call and
;; caught by the guard around it.
(define (sort-with count) (qsort arr count 8 cmp) count)
(define (sort-many k count)
  (let loop ((i 0) (acc 0))
    (if (= i k) acc (loop (+ i 1) (+ acc (sort-with count))))))
(show "before" (sort-many 500 0))

(show "sum" (run 10000))
(show "sorted by the callback" (read-back))
(show "compared" (> compares 5000))
(show "lean sites ran before the callback" (if jit? (> lean-before 0) #t))
(show "patched by the first callback" (if jit? (> (stat 'invalidations) invalidations-before) #t))

(set! cmp (foreign-callback (lambda (a b) (error "comparator failed" (pointer-ref-int64 a 0))) '(pointer pointer) 'int))
(show "raising comparator"
      (guard (e ((error-object? e) (list (error-object-message e) (length (error-object-irritants e)))))
        (sort-many 50 2)))
(show "after" (sort-many 3 0))

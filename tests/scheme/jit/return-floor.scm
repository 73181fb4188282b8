; Machine code returns without checks above Thread::return_floor and checks
; at or below it. Each case puts something under native frames that a
; return must not take for machine code: an interpreter frame, a boundary
; record of a call from C++, a frame sealed by a continuation capture.

; A native recursion over a VM frame over a native recursion, twice.
(define (native-deep n) (if (= n 0) 0 (+ 1 (native-deep (- n 1)))))
(define (vm-middle n) (+ 1 (native-deep n)))
(define (native-outer k n) (if (= k 0) (vm-middle n) (+ 1 (native-outer (- k 1) n))))
(jit-forbid! vm-middle)
(jit-compile! native-deep)
(jit-compile! native-outer)
(write (list (native-outer 1000 1000) (native-outer 10 20000))) (newline)

; C++ calling machine code (sort's comparator) from under native frames.
(define (depth-compare a b) (< (native-deep a) (native-deep b)))
(define (sort-at-depth k)
  (if (= k 0) (list-sort depth-compare (list 30 10 20 50 40)) (cons k (sort-at-depth (- k 1)))))
(jit-compile! depth-compare)
(jit-compile! sort-at-depth)
(write (list-tail (sort-at-depth 200) 198)) (newline)

; A continuation captured deep in a native recursion, re-entered from
; outside: the frames below the resumed one are sealed.
(define k #f)
(define (capture-deep n) (if (= n 0) (call/cc (lambda (c) (set! k c) 0)) (+ 1 (capture-deep (- n 1)))))
(jit-compile! capture-deep)
(define passes 0)
(let ((r (capture-deep 500)))
  (set! passes (+ passes 1))
  (write r) (newline)
  (if (< passes 4) (k (* 10 passes))))

; The same under a VM frame, re-entered from inside another native recursion.
(define k2 #f)
(define (vm-capture n) (+ 1 (capture-deep2 n)))
(define (capture-deep2 n) (if (= n 0) (call/cc (lambda (c) (set! k2 c) 0)) (+ 1 (capture-deep2 (- n 1)))))
(define (reenter-at-depth d v) (if (= d 0) (k2 v) (+ 1 (reenter-at-depth (- d 1) v))))
(jit-forbid! vm-capture)
(jit-compile! capture-deep2)
(jit-compile! reenter-at-depth)
(define passes2 0)
(let ((r (vm-capture 300)))
  (set! passes2 (+ passes2 1))
  (write r) (newline)
  (if (< passes2 3) (reenter-at-depth 700 passes2)))

; Escapes out of a native recursion, then deep recursions again.
(define (escape-deep n out) (if (= n 0) (out 'escaped) (+ 1 (escape-deep (- n 1) out))))
(jit-compile! escape-deep)
(write (list (call/cc (lambda (out) (escape-deep 1000 out)))
             (native-deep 5000)
             (call/cc (lambda (out) (vm-middle 10) (escape-deep 10 out)))
             (native-outer 50 50)))
(newline)

; Two native recursions taking turns through continuations (coroutines).
(define (make-walker n)
  (define return #f)
  (define resume #f)
  (define (walk i)
    (if (> i n) (return 'done)
        (begin
          (call/cc (lambda (c) (set! resume c) (return i)))
          (+ 0 (walk (+ i 1))))))
  (lambda ()
    (call/cc (lambda (r)
               (set! return r)
               (if resume (resume #f) (walk 1))))))
(define a (make-walker 5))
(define b (make-walker 3))
(let loop ((i 0) (acc '()))
  (if (= i 6) (begin (write (reverse acc)) (newline))
      (loop (+ i 1) (cons (list (a) (b)) acc))))

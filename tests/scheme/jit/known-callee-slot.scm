;; A watched known call of code that never reads its closure stores no
;; callee in the new frame's slot 0 (Proto::native_ignores_closure). Code
;; that reads its closure still gets it; a direct self call that finds
;; the stack full hands the interpreter the right callee; continuations
;; and errors inside such frames behave as in the VM.
(define g (let ((k 10)) (lambda (x) (+ x k))))        ; reads its closure
(define (use-g n) (if (= n 0) 0 (+ (g n) (use-g (- n 1)))))
(define (leaf x) (* x 2))                              ; does not
(define (use-leaf n) (if (= n 0) 0 (+ (leaf n) (use-leaf (- n 1)))))
(define (repeat k thunk) (if (= k 1) (thunk) (begin (thunk) (repeat (- k 1) thunk))))
(write (repeat 300 (lambda () (list (use-g 50) (use-leaf 50))))) (newline)

;; Deep direct self recursion: the overflow goes through the interpreter,
;; which calls the closure left in the slot; caught, then run again.
;; (A subtraction: with an addition it would be a loop, ir/accumulate.h.)
(define (depth n) (if (= n 0) 0 (- (depth (- n 1)) -1)))
(write (repeat 200 (lambda () (depth 10)))) (newline)
(write (guard (e (#t (if (error-object? e) (error-object-message e) e))) (depth 10000000))) (newline)
(write (depth 1000)) (newline)

;; A continuation captured inside such a callee, re-entered later.
(define saved #f)
(define count 0)
(define (mark x) (call/cc (lambda (k) (set! saved k) x)))
(define (sum-marks n) (if (= n 0) 0 (+ (mark n) (sum-marks (- n 1)))))
(write (repeat 200 (lambda () (sum-marks 5)))) (newline)
(let ((r (sum-marks 5)))
  (set! count (+ count 1))
  (write r) (newline)
  (if (< count 3) (saved 100)))

;; Redefining the known callee to one that reads its closure.
(set! leaf (let ((m 3)) (lambda (x) (* x m))))
(write (use-leaf 50)) (newline)

;; An error deep inside frames entered without a callee in slot 0.
(define (bad x) (if (= x 0) (car x) x))
(define (chain n) (if (= n 0) (bad 0) (+ 1 (chain (- n 1)))))
(write (repeat 200 (lambda () (guard (e (#t 'caught)) (chain 3))))) (newline)
(chain 3)

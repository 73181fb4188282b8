;; Direct self calls enter without a frame record (jit/lazy_record.cpp):
;; the callee pushes one only before a call, a C call, raising or leaving
;; for the interpreter. Each case runs code that needs the record from a
;; leaf entered that way, compared with the VM by the harness; the env file
;; adds GC stress, so leaves that allocate collect with no record pushed
;; beforehand.
(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e)))
            (#t (list 'raised e)))
    (thunk)))

;; fib and tak shapes: leaves return straight to their caller.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (tak x y z) (if (not (< y x)) z (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))
(write (list (fib 22) (tak 18 12 6))) (newline)

;; Leaves that allocate (inline, and through the collector when the free
;; list is empty), keeping what they allocated.
(define (tree n) (if (= n 0) (cons 'leaf (list 1 2.5 "s")) (cons (tree (- n 1)) (tree (- n 1)))))
(define (count t) (if (pair? t) (+ (count (car t)) (count (cdr t))) 1))
(write (count (tree 12))) (newline)
(define (fl n) (if (< n 2) (* 1.5 n) (+ (fl (- n 1)) (fl (- n 2)))))
(write (fl 20)) (newline)

;; Leaves that raise: a type error, a bad index, an unbound global, raise
;; itself; the recursion is deep when they do.
(define (walk l n) (if (= n 0) (car l) (+ 1 (walk l (- n 1)))))
(write (message (lambda () (walk '() 50)))) (newline)
(write (message (lambda () (walk 'x 0)))) (newline)
(define (index v n) (if (= n 0) (vector-ref v 10) (+ 1 (index v (- n 1)))))
(write (message (lambda () (index (vector 1 2) 30)))) (newline)
(define (unbound n) (if (= n 0) no-such-variable (+ 1 (unbound (- n 1)))))
(write (message (lambda () (unbound 40)))) (newline)
(define (raiser n) (if (= n 0) (raise 'boom) (+ 1 (raiser (- n 1)))))
(write (message (lambda () (raiser 40)))) (newline)
;; raise-continuable from a leaf: the handler's value comes back into it.
(define (ask n) (if (= n 0) (raise-continuable 'more) (+ 1 (ask (- n 1)))))
(write (with-exception-handler (lambda (c) 100) (lambda () (ask 25)))) (newline)

;; Leaves calling C: a primitive that is not inline, and string ports.
(define (join n) (if (= n 0) (string-append "a" "b") (string-append (join (- n 1)) "c")))
(write (join 10)) (newline)

;; Generic arithmetic from a leaf: bignums and rationals.
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
(write (fact 30)) (newline)
(define (harmonic n) (if (= n 0) 0 (+ (/ 1 n) (harmonic (- n 1)))))
(write (harmonic 12)) (newline)

;; Deep recursion: the stack overflow is reported and caught, twice.
(define (deep n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))
(write (message (lambda () (deep 100000000)))) (newline)
(write (message (lambda () (deep 100000000)))) (newline)
(write (deep 100000)) (newline)

;; Continuations captured below lazily entered frames, escaped from and
;; re-entered.
(define k #f)
(define (capture n) (if (= n 0) (call/cc (lambda (c) (set! k c) 0)) (+ 1 (capture (- n 1)))))
(let ((reentries 0) (results '()))
  (let ((result (capture 20)))
    (set! results (cons result results))
    (if (< reentries 3)
        (begin (set! reentries (+ reentries 1)) (k (* 10 reentries)))
        (begin (write (reverse results)) (newline)))))
(define (escape n out) (if (= n 0) (out 'escaped) (+ 1 (escape (- n 1) out))))
(write (call/cc (lambda (out) (escape 30 out)))) (newline)

;; The same function entered the ordinary way (apply, map: from C) and by
;; its own direct calls, in one computation.
(write (map fib '(5 10 15))) (newline)
(write (apply tak '(12 8 4))) (newline)
;; Redefined while running: the direct calls fail their guard.
(define (countdown n) (if (= n 0) 'done (begin (if (= n 5) (set! countdown (lambda (m) (list 'new m)))) (countdown (- n 1)))))
(write (countdown 10)) (newline)

;; Machine code's generic calls jump through a Proto's call entries, which
;; always point at code: the callee's machine code, or, while it has none,
;; a stub that hands the call to the interpreter (runtime/proto.h). Each
;; kind of call here reaches callees that are not compiled yet and tier up
;; in the middle of the loop, callees kept on the VM, compiled ones with a
;; rest list (no lazy entry), and code retired by a failed speculation.
(define (call-each f n)            ; non-tail calls of an unknown f
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc (f i))))))
(define (tail-to f x) (f x))       ; a tail call of an unknown f
(define (tail-each f n)
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc (tail-to f i))))))
(jit-compile! call-each)
(jit-compile! tail-to)
(jit-compile! tail-each)

;; Not compiled when the loops start; compiled after enough calls (tiered).
(define (add1 x) (+ x 1))
(define (twice x) (* 2 x))
(display (call-each add1 500)) (newline)
(display (tail-each twice 500)) (newline)
(display (call-each (lambda (x) (- x)) 300)) (newline)
(display (tail-each (lambda (x) (* x x)) 300)) (newline)

;; Never compiled: every call goes through the interpreter's stubs.
(define (vm-only x) (+ x 10))
(jit-forbid! vm-only)
(display (call-each vm-only 200)) (newline)
(display (tail-each vm-only 200)) (newline)

;; Rest lists: compiled code with no lazy entry, entered after a record
;; is pushed for it; and the same before it is compiled.
(define (rest-sum . xs) (apply + xs))
(display (call-each rest-sum 300)) (newline)
(display (tail-each rest-sum 300)) (newline)
(jit-compile! rest-sum)
(display (call-each rest-sum 300)) (newline)
(display (tail-each (lambda args (length args)) 300)) (newline)

;; Closures made in a loop, each one called once: a new closure of an
;; already compiled lambda, then of one that tiers up meanwhile.
(define (adder n) (lambda (x) (+ x n)))
(display (let loop ((i 0) (acc 0))
           (if (= i 400) acc (loop (+ i 1) (+ acc (call-each (adder i) 1))))))
(newline)

;; A global redefined between calls: the generic path (and a known call's
;; patched watch) enters the new closure, compiled or not.
(define (target x) (list 'old x))
(define (call-target x) (target x))
(define (tail-target x) (target x))
(let loop ((i 0)) (if (< i 300) (begin (call-target i) (tail-target i) (loop (+ i 1)))))
(write (list (call-target 1) (tail-target 2))) (newline)
(set! target (lambda (x) (list 'new x)))
(write (list (call-target 3) (tail-target 4))) (newline)
(set! target vector)
(write (list (call-target 5) (tail-target 6))) (newline)

;; Code retired by a failed flonum speculation (jit/unbox.h): callers that
;; reach it through its call entries enter the new code or the VM.
(define (scale x) (* x 1.5))
(display (call-each (lambda (i) (scale (exact->inexact i))) 300)) (newline)
(display (call-each scale 10)) (newline)
(display (tail-each scale 10)) (newline)
(display (call-each scale 300)) (newline)

; Errors in the last call of an inline call/cc body, which runs with the
; calling frame sealed again as k's copy (jit/control.h: helper_reseal):
; a handler that escapes, a handler that returns (raise-continuable), and
; an uncaught error whose backtrace names the waiting frame at that call's
; location, as in the VM. The procedures run a few hundred times first so
; that in tiered mode they are machine code.
(define (check k x)
  (if (number? x) (+ x 1) (car x)))
(define (soft k x)
  (if (number? x) x (+ 100 (raise-continuable x))))
(define (f x)
  (* 2 (call/cc (lambda (k)
                  (check k x)))))
(define (g x)
  (+ 1 (call/cc (lambda (k)
                  (soft k x)))))
(let loop ((i 0)) (when (< i 300) (f i) (g i) (loop (+ i 1))))
(write (guard (e ((error-object? e) (list 'caught (error-object-message e)))) (f 'a))) (newline)
(write (with-exception-handler (lambda (c) 5) (lambda () (g 'b)))) (newline)
(write (f 20)) (newline)

; The callee's entry fails (arity) with the caller resealed:
; the error is the call site's. A continuation captured in the handler,
; re-entered from a later form, runs that form's rest again.
(define (two k x) (list k x))
(define (arity-error x) (+ 1 (call/cc (lambda (k) (two k)))))
(define (deep k n)
  (if (= n 0) 0 (+ 1 (call/cc (lambda (k2) (deep k2 (- n 1)))))))
(define (show x) (write x) (newline))
(define (message e) (if (error-object? e) (error-object-message e) e))
(show (guard (e (#t (list 'caught (message e)))) (arity-error 1)))
(show (guard (e (#t (list 'returned (message e))))
        (with-exception-handler (lambda (c) 42) (lambda () (arity-error 1)))))
(show (deep #f 1000))
(define saved #f)
(define runs 0)
(show (guard (e (#t (list 'again (message e))))
        (with-exception-handler
         (lambda (c) (call/cc (lambda (kk) (set! saved kk))) (set! runs (+ runs 1)) (raise runs))
         (lambda () (arity-error 1)))))
(if (< runs 3) (saved #f))
(f 'oops)

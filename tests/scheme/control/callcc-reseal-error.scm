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
(f 'oops)

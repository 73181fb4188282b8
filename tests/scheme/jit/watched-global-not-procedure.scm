;; A known call whose global is then bound to a non-procedure reports the
;; VM's error, with the call's location in the backtrace, in every mode.
(define (callee x) (* x x))
(define (use-callee x) (+ 1 (callee x)))
(jit-compile! callee)
(jit-compile! use-callee)
(display (use-callee 3)) (newline)
(set! callee 'not-a-procedure)
(display (use-callee 3)) (newline)

; Loops forever in compiled code, for the gdb check in
; tests/run-jit-tool-tests: a self tail call is a jump.
(define (spin n) (if (< n 0) n (spin (+ n 1))))
(jit-compile! spin)
(display "spinning") (newline) (flush-output-port)
(spin 0)

;; Argument conversion errors at a lean direct call (no callback exists)
;; in a function entered lazily, without its frame record, from a
;; compiled loop: the error names the argument, and the backtrace has the
;; call's location and the loop's frame, as on the VM.
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(define c-abs (foreign-procedure "abs" '(int) 'int))
(define (leaf x) (+ 1 (c-abs x)))
(define (total xs)
  (let loop ((xs xs) (acc 0))
    (if (null? xs) acc (loop (cdr xs) (+ acc (leaf (car xs)))))))
(jit-compile! leaf)
(jit-compile! total)
(write (total '(1 -2 3)))
(newline)
(write (guard (e ((error-object? e) (error-object-message e))) (total '(1 two 3))))
(newline)
(total '(1 -2 4294967296))

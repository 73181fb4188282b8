;; Variadic C functions: fixed argument types, then the variadic ones.
(import (scheme base) (scheme write) (kiln ffi))

(define snprintf-3 (foreign-procedure "snprintf" '(pointer size_t string) '(int double string) 'int))
(define snprintf-1 (foreign-procedure "snprintf" '(pointer size_t string) '(int64) 'int))
(define buf (foreign-alloc 100))
(write (snprintf-3 buf 100 "%d|%.2f|%s" -7 2.5 "yes")) (newline)
(write (pointer->string buf)) (newline)
(snprintf-1 buf 100 "%ld" (- (expt 2 40)))
(write (pointer->string buf)) (newline)
(write (snprintf-1 buf 4 "%ld" 123456)) (newline)   ; truncated, returns the full length
(write (pointer->string buf)) (newline)
(foreign-free buf)

;; printf writes to C's stdout; flush Scheme's output first and C's after.
(define printf (foreign-procedure "printf" '(string) '(int uint32) 'int))
(define fflush (foreign-procedure "fflush" '(pointer) 'int))
(display "before") (newline)
(flush-output-port)
(printf "printf: %d %u\n" 42 4000000000)
(fflush null-pointer)
(display "after") (newline)

;; Promoted types cannot be declared in a variadic part.
(write (guard (e ((error-object? e) (error-object-message e)))
         (foreign-procedure "printf" '(string) '(float) 'int)))
(newline)
(write (guard (e ((error-object? e) (error-object-message e)))
         (foreign-procedure "printf" '() '(int) 'int)))
(newline)

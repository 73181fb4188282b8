;; Calling C from Kiln: libm and libc through (kiln ffi).
;;   build/kiln examples/ffi-libm.scm
(import (scheme base) (scheme write) (kiln ffi))

(load-shared-object "libm.so.6")

;; Bind C functions by name and signature; the results are ordinary procedures.
(define c-sqrt (foreign-procedure "sqrt" '(double) 'double))
(define c-pow (foreign-procedure "pow" '(double double) 'double))
(define c-cbrtf (foreign-procedure "cbrtf" '(float) 'float))
(define c-abs (foreign-procedure "abs" '(int) 'int))
(define c-labs (foreign-procedure "labs" '(long) 'long))
(define c-strlen (foreign-procedure "strlen" '(string) 'size_t))
(define c-getenv (foreign-procedure "getenv" '(string) 'string))
(define c-toupper (foreign-procedure "toupper" '(int) 'int))

(display (c-sqrt 2.0)) (newline)                 ; 1.4142135623730951
(display (c-pow 2 10)) (newline)                 ; exact arguments are converted: 1024.0
(display (c-cbrtf 27.0)) (newline)               ; 3.0
(display (c-abs -42)) (newline)                  ; 42
(display (c-labs -12345678901)) (newline)        ; 12345678901
(display (c-strlen "héllo")) (newline)           ; 6 (UTF-8 bytes)
(display (c-getenv "KILN_NO_SUCH_VARIABLE")) (newline)  ; #f for a NULL char*
(display (integer->char (c-toupper (char->integer #\k)))) (newline)

;; A variadic function: fixed argument types, then this call's variadic ones.
(define printf-id-d (foreign-procedure "printf" '(string) '(int double) 'int))
(define fflush (foreign-procedure "fflush" '(pointer) 'int))
(flush-output-port)                              ; Scheme's buffer first, then C's
(printf-id-d "printf says %d and %.3f\n" 7 3.14159)
(fflush null-pointer)

;; C memory: snprintf into a malloc'd buffer, read back as a string.
(define snprintf (foreign-procedure "snprintf" '(pointer size_t string) '(long) 'int))
(define buf (foreign-alloc 64))
(snprintf buf 64 "%ld bottles" 99)
(display (pointer->string buf)) (newline)
(foreign-free buf)

;; A struct by layout: struct tm from gmtime_r.
(define tm (make-foreign-struct-type 'tm
             '((sec int) (min int) (hour int) (mday int) (mon int) (year int)
               (wday int) (yday int) (isdst int) (gmtoff long) (zone pointer))))
(define gmtime-r (foreign-procedure "gmtime_r" '(pointer pointer) 'pointer))
(define t (foreign-alloc 8))
(pointer-set-int64! t 0 86400000)                ; 1000 days after the epoch
(define out (foreign-struct-alloc tm))
(gmtime-r t out)
(display (list (+ 1900 (foreign-struct-ref tm out 'year))
               (+ 1 (foreign-struct-ref tm out 'mon))
               (foreign-struct-ref tm out 'mday)))
(newline)                                        ; (1972 9 27)
(display (foreign-struct-size tm)) (newline)     ; 56
(foreign-free t)
(foreign-free out)

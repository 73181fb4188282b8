;; Binding and calling C functions: libm and libc, every argument and
;; result type, and the printing of foreign procedures.
(import (scheme base) (scheme write) (kiln ffi))

(load-shared-object "libm.so.6")
(define c-sqrt (foreign-procedure "sqrt" '(double) 'double))
(define c-floorf (foreign-procedure "floorf" '(float) 'float))
(define c-abs (foreign-procedure "abs" '(int) 'int))
(define c-llabs (foreign-procedure "llabs" '(int64) 'int64))
(define c-strlen (foreign-procedure "strlen" '(string) 'size_t))
(define c-strchr (foreign-procedure "strchr" '(string int) 'string))
(define c-memset (foreign-procedure "memset" '(bytevector int size_t) 'pointer))
(define c-atoi (foreign-procedure "atoi" '(string) 'int))

(write (c-sqrt 16.0)) (newline)
(write (c-sqrt 2)) (newline)               ; an exact integer becomes a double
(write (c-sqrt 1/4)) (newline)             ; so does a rational
(write (c-floorf 2.75)) (newline)
(write (c-abs -17)) (newline)
(write (c-llabs (- (expt 2 62)))) (newline)
(write (c-strlen "")) (newline)
(write (c-strlen "λx")) (newline)          ; UTF-8: 3 bytes
(write (c-strchr "key=value" (char->integer #\=))) (newline)
(write (c-strchr "key" (char->integer #\=))) (newline)   ; NULL char* => #f
(define bv (make-bytevector 4 0))
(c-memset bv 255 3)
(write bv) (newline)
(write (c-atoi "  -123xyz")) (newline)
(write (procedure? c-sqrt)) (newline)
(write (foreign-procedure? c-sqrt)) (newline)
(write (foreign-procedure? car)) (newline)
(write c-sqrt) (newline)
(write (apply c-abs '(-5))) (newline)
(write (map c-abs '(-1 2 -3))) (newline)

;; The main program's symbols: #f names the running program.
(write (pointer? (load-shared-object #f))) (newline)

;; Round trips through a callback, bound back by address: every type both ways.
(define (identity-through type value)
  (let* ((cb (foreign-callback (lambda (x) x) (list type) type))
         (f (foreign-procedure cb (list type) type)))
    (f value)))
(for-each
 (lambda (c)
   (write (cons (car c) (identity-through (car c) (cadr c)))) (newline))
 '((int8 -128) (int8 127) (uint8 255) (int16 -32768) (uint16 65535)
   (int32 -2147483648) (uint32 4294967295) (int64 -9223372036854775808)
   (int64 9223372036854775807) (uint64 18446744073709551615) (int -1) (long 5) (size_t 7)
   (float 0.5) (double -2.25) (bool #t) (bool #f)))
(write (null-pointer? (identity-through 'pointer null-pointer))) (newline)
(write (pointer->integer (identity-through '(* int) (integer->pointer 4096)))) (newline)

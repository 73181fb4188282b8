;; Direct calls from machine code (src/jit/emit_ffi.cpp) of the signatures
;; beyond integers, floats and pointers: string arguments (short ones copied
;; to the C stack, long ones to GC memory) and results, bytevector and
;; (* T) arguments, variadic functions, arguments passed on the C stack, and
;; callees that are local variables. Each line shows the VM's result, then
;; machine code's; errors give the VM's message on both tiers.
(import (scheme base) (scheme write) (kiln) (kiln ffi))

(define (both f . args)
  (list (apply run-on-tier 'vm f args) (apply run-on-tier 'jit f args)))
(define (show label x) (display label) (display " ") (write x) (newline))
;; The message and irritants of the error (f arg ...) raises, without the
;; address in "#<foreign 0x...>: " of a procedure bound by address.
(define (failure f . args)
  (define (unaddressed msg)
    (if (and (> (string-length msg) 9) (string=? (substring msg 0 9) "#<foreign"))
        (let loop ((i 0))
          (if (char=? (string-ref msg i) #\>)
              (string-append "#<foreign>" (substring msg (+ i 1) (string-length msg)))
              (loop (+ i 1))))
        msg))
  (guard (e ((error-object? e) (cons (unaddressed (error-object-message e)) (error-object-irritants e))))
    (apply f args)
    'no-error))
(define (both-fail f . args)
  (list (apply failure (lambda xs (apply run-on-tier 'vm f xs)) args)
        (apply failure (lambda xs (apply run-on-tier 'jit f xs)) args)))

;; --- strings ---------------------------------------------------------------
(define c-strlen (foreign-procedure "strlen" '(string) 'size_t))
(define c-strcmp (foreign-procedure "strcmp" '(string string) 'int))
(define c-strchr (foreign-procedure "strchr" '(string int) 'string))
(define c-getenv (foreign-procedure "getenv" '(string) 'string))
(define (strlen* s) (list (c-strlen s)))
(define (strcmp* a b) (let ((r (c-strcmp a b))) (cond ((< r 0) '<) ((> r 0) '>) (else '=))))
(define (strchr* s c) (list (c-strchr s (char->integer c))))
(define (getenv* s) (list (c-getenv s)))
(define long-ascii (make-string 127 #\a))      ; 128 bytes with the NUL: fits the C stack buffer
(define longer-ascii (make-string 128 #\b))    ; one more: a GC copy
(define long-utf8 (make-string 300 #\λ))       ; 600 bytes
(show "strlen" (list (both strlen* "") (both strlen* "abc") (both strlen* "λx→𝄞")
                     (both strlen* long-ascii) (both strlen* longer-ascii) (both strlen* long-utf8)))
(show "strcmp" (list (both strcmp* "abc" "abd") (both strcmp* "λ" "λ") (both strcmp* longer-ascii long-ascii)))
;; A result pointing into an argument's copy is read before the copy goes.
(show "strchr" (list (both strchr* "key=value" #\=) (both strchr* "key" #\=)
                     (both strchr* (string-append long-utf8 "=tail") #\=)))
(show "getenv" (both getenv* "KILN_SURELY_UNSET_VARIABLE"))
;; What C receives, through a callback that turns the char* back into a string.
(define seen #f)
(define receive-string
  (foreign-procedure (foreign-callback (lambda (s) (set! seen s) (string-length s)) '(string) 'int)
                     '(string) 'int))
(define (receive* s) (let ((n (receive-string s))) (list n (if (< n 20) seen (string=? seen s)))))
(show "received" (list (both receive* "héllo 𝄞") (both receive* long-utf8)))
(show "string type" (both-fail strlen* 'abc))
(show "string char" (both-fail strlen* #\a))
(show "string nul" (both-fail strlen* (string #\a #\nul #\b)))
(show "string nul long" (map car (both-fail strcmp* "x" (string-append long-utf8 (string #\nul)))))

;; --- bytevectors and (* T) --------------------------------------------------
(define c-memset (foreign-procedure "memset" '(bytevector int size_t) 'pointer))
(define c-memcpy (foreign-procedure "memcpy" '((* uint8) (* uint8) size_t) '(* uint8)))
(define c-memcmp (foreign-procedure "memcmp" '(bytevector bytevector size_t) 'int))
(define (memset* n) (let ((bv (make-bytevector 6 0))) (c-memset bv 7 n) bv))
(define (memcmp* a b) (c-memcmp a b (bytevector-length a)))
(define (memcpy* src)
  (let ((from (foreign-alloc 8)) (to (foreign-alloc 8)))
    (bytevector->foreign-memory! src from)
    (let ((r (c-memcpy to from 4)))
      (let ((out (foreign-memory->bytevector to 4)))
        (foreign-free from)
        (foreign-free to)
        (list out (= (pointer->integer r) (pointer->integer to)))))))
(show "memset" (list (both memset* 3) (both memset* 0)))
(show "memcmp" (list (both memcmp* (bytevector 1 2 3) (bytevector 1 2 3)) (both memcmp* (bytevector) (bytevector))))
(show "memcpy" (both memcpy* (bytevector 9 8 7 6)))
(define (memset-on x) (c-memset x 0 0))
(show "bytevector type" (both-fail memset-on "nope"))
(define (memset-bad) (c-memset (vector 1) 0 0))
(show "bytevector vector" (both-fail memset-bad))
(define (memcpy-bad) (c-memcpy 0 null-pointer 0))
(show "(* T) type" (both-fail memcpy-bad))

;; --- variadic ---------------------------------------------------------------
(define snprintf-mixed (foreign-procedure "snprintf" '(pointer size_t string) '(int double string double int64) 'int))
(define snprintf-doubles
  (foreign-procedure "snprintf" '(pointer size_t string) '(double double double double double double double double double double) 'int))
(define (formatted buf r) (list r (pointer->string buf)))
(define (mixed x)
  (let ((buf (foreign-alloc 100)))
    (let ((r (snprintf-mixed buf 100 "%d|%.2f|%s|%g|%ld" x 2.5 "yes" (* x 1.5) (- (expt 2 40)))))
      (let ((out (formatted buf r))) (foreign-free buf) out))))
(define (doubles x)   ; ten doubles: two past the registers, on the C stack
  (let ((buf (foreign-alloc 200)))
    (let ((r (snprintf-doubles buf 200 "%g %g %g %g %g %g %g %g %g %g" x 1 2 3 4 5 6 7 8.5 (/ x 4))))
      (let ((out (formatted buf r))) (foreign-free buf) out))))
(show "variadic" (list (both mixed -7) (both doubles 3.25)))
(show "variadic type" (both-fail mixed 1.5))

;; --- arguments on the C stack -----------------------------------------------
;; Twenty arguments: 11 of the integer class (5 on the stack, among them a
;; string and a float's neighbours) and 9 floating (1 on the stack).
(define many-types '(int8 int64 string double uint16 bytevector int32 float (* int) double
                     double double double double double uint32 double string float bool))
;; A callback receives the bytevector as a pointer to its bytes.
(define many
  (foreign-procedure
   (foreign-callback (lambda args (set! seen args) (length args))
                     (map (lambda (t) (if (eq? t 'bytevector) 'pointer t)) many-types) 'int)
   many-types 'int))
(define (call-many x)
  (let ((bv (bytevector 42 43)))
    (let ((r (many (- x) (* x 1000000000000) "third" 0.5 65535 bv (- x 100) 0.25 (integer->pointer 4096)
                   1.0 2.0 3.0 4.0 5.0 6.0 4000000000 7.5 "eighteenth" -1.5 #t)))
      ;; (the bytevector's second byte, read through the pointer C got)
      (list r (pointer-ref-uint8 (list-ref seen 5) 1)
            (map (lambda (a) (if (pointer? a) (pointer->integer a) a)) (list-tail seen 6))
            (let head ((l seen) (k 5)) (if (= k 0) (quote ()) (cons (car l) (head (cdr l) (- k 1)))))))))
(show "many" (both call-many 5))
(show "many range" (both-fail (lambda (x) (many x 0 "" 0 0 (bytevector) 0 0 null-pointer 0 0 0 0 0 0 x 0 "" 0 #f)) -1))
(show "many type" (both-fail (lambda (x) (many 0 0 "" 0 0 (bytevector) 0 0 null-pointer 0 0 0 0 0 0 0 0 x 0 #f)) 'sym))

;; --- callees in local variables ----------------------------------------------
;; Compiled from a hot frame (tiered and eager modes), a call of an argument
;; or free variable that held a foreign procedure calls C directly, guarded
;; by that procedure: other values still work.
(define (sum-over f n x)
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc (f x))))))
(define (make-summer f)
  (lambda (n x) (let loop ((i 0) (acc 0)) (if (= i n) acc (loop (+ i 1) (+ acc (f x)))))))
(define (direct-sites) (cdr (assq 'ffi-direct (jit-stats))))
(define sites-before (direct-sites))
(define summer (make-summer c-strlen))
(show "local callees"
      (let loop ((k 0) (acc '()))
        (if (= k 300)
            (reverse acc)
            (loop (+ k 1)
                  (let ((r (list (sum-over c-strlen 3 "abcd") (summer 2 "xyz"))))
                    (if (memv k '(0 299)) (cons r acc) acc))))))
(define (jit-on?) (define (probe) #t) (jit-compile! probe))
(show "local callees direct" (or (not (jit-on?)) (>= (- (direct-sites) sites-before) 2)))
(show "local callees other" (list (sum-over (lambda (s) (string-length s)) 2 "λλ") (sum-over c-strlen 2 "λλ")
                                  ((make-summer string-length) 2 "λλ") (summer 2 "λλ")))
(show "local callee error" (failure sum-over c-strlen 2 'x))

;; Machine code made direct calls at call sites of each kind (in the JIT
;; modes): string, bytevector, (* T), variadic, stack arguments, string result.
(define sites-now (direct-sites))
(define (fresh s bv)
  (list (c-strlen s) (null-pointer? (c-memset bv 0 0)) (c-memcpy null-pointer null-pointer 0)
        (snprintf-mixed null-pointer 0 s 1 2 s 3 4) (c-strchr s 0)
        (many 0 0 "" 0 0 bv 0 0 null-pointer 0 0 0 0 0 0 0 0 "" 0 #f)))
(show "direct call sites" (if (jit-compile! fresh) (- (direct-sites) sites-now) 6))
(show "fresh" (both fresh "ok" (bytevector 1)))

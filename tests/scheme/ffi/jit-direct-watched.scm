;; A direct foreign call of a global (src/jit/emit_ffi.cpp) watches the
;; global's cell rather than comparing the callee (runtime/cell_watch.h):
;; assigning the global, from Scheme or from a callback running inside the
;; direct call itself, sends the next call the generic way. Each line is
;; the same on the VM and in machine code.
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(define (show label x) (display label) (display ": ") (write x) (newline))
(define (stat name) (cdr (assq name (jit-stats))))

(define c-abs (foreign-procedure "abs" '(int) 'int))
(define c-neg (foreign-procedure (foreign-callback (lambda (x) (- x)) '(int) 'int) '(int) 'int))
(define f c-abs)
(define (call-f x) (f x))
(define (sum-f n)
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc (f (- i)))))))
(define jit? (and (jit-compile! call-f) (jit-compile! sum-f)))
(define invalidated (stat 'invalidations))
(show "abs" (list (call-f -3) (sum-f 5)))
(set! f c-neg)                        ; another foreign procedure
(show "another foreign procedure" (list (call-f -3) (sum-f 5)))
(set! f (lambda (x) (* 100 x)))       ; a Scheme procedure
(show "a Scheme procedure" (list (call-f -3) (sum-f 5)))
(define f c-abs)                      ; define, back to the first
(show "defined again" (list (call-f -3) (sum-f 5)))
(show "sites invalidated" (if jit? (> (stat 'invalidations) invalidated) #t))

;; The callback the C function calls redefines the global during the call:
;; the call itself completes, the next one calls the new value.
(define hook
  (foreign-procedure
   (foreign-callback (lambda (x) (set! hook (lambda (x) (list 'scheme x))) (* 2 x)) '(int) 'int)
   '(int) 'int))
(define (call-hook-twice x)
  (let* ((first (hook x)) (second (hook x)))
    (list first second)))
(jit-compile! call-hook-twice)
(show "redefined from a callback" (call-hook-twice 5))

;; Code compiled after the redefinition calls the new foreign procedure
;; directly.
(define g c-abs)
(set! g c-neg)
(define (call-g x) (g x))
(define direct (stat 'ffi-direct))
(jit-compile! call-g)
(show "compiled after the redefinition" (call-g 7))
(show "a direct call" (if jit? (= (stat 'ffi-direct) (+ direct 1)) #t))

;; A lean direct foreign call with nothing between its checks and the C
;; call has one patchable site, the `call` itself, which serves both the
;; global's watch (-> the generic call) and the callbacks (-> the full
;; sequence) (src/jit/emit_ffi.cpp). Whichever comes first, an assignment
;; of the global wins: assigned before the first foreign-callback, the
;; site stays on the generic path (the callback leaves a patched site
;; alone); assigned after it, the jump to the full sequence is overwritten.
;; Each line is the same on the VM and in machine code.
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(define (show label x) (display label) (display ": ") (write x) (newline))
(define (stat name) (cdr (assq name (jit-stats))))
(define (probe) 1)
(define jit? (jit-compile! probe))

(define c-abs (foreign-procedure "abs" '(int) 'int))
(define c-labs (foreign-procedure "labs" '(long) 'long))
(define f c-abs)
(define g c-labs)
;; Sums (f -i) and (g -i) for i below n: compiled while no callback exists,
;; both calls are lean and watched.
(define (sum-f n)
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc (f (- i)))))))
(define (sum-g n)
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc (g (- i)))))))
(define lean-before (stat 'ffi-lean))
(when jit? (jit-compile! sum-f) (jit-compile! sum-g))
(show "lean sites" (if jit? (= (stat 'ffi-lean) (+ lean-before 2)) #t))
(show "f, direct" (sum-f 10))
(show "g, direct" (sum-g 10))

;; f assigned first: its site now jumps to the generic call.
(set! f (lambda (x) 1000))
(show "f assigned" (sum-f 10))
;; The first callback patches the lean sites it finds intact: g's, into
;; its full sequence; f's already jumps and keeps its generic path (had
;; the callback overwritten it, f's loop would call abs again).
(define cb (foreign-callback (lambda (a) (* 2 a)) '(int) 'int))
(show "f after the callback" (sum-f 10))
(show "g after the callback" (sum-g 10))
;; g assigned after the callback: the jump to its full sequence becomes a
;; jump to the generic call.
(set! g (lambda (x) -1))
(show "g assigned" (sum-g 10))
;; And back to the foreign procedures: the generic paths call them.
(set! f c-abs)
(set! g c-labs)
(show "f back" (sum-f 10))
(show "g back" (sum-g 10))
(show "callback" ((foreign-procedure "abs" '(int) 'int) -7))

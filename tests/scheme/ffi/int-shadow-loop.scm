;; Loops whose C results feed the next C call as untagged int32 shadows
;; (src/jit/int_shadow.h): the plusone shape x = f(x), with negative
;; values, the int32 edges, uint32 results beyond int32 (htonl), a uint32
;; result passed to an int32 argument and an int32 result to a uint32
;; argument (both out of range for some values: the VM's error), two
;; parameters swapped every iteration, a callee passed as an argument,
;; and a loop entered in the middle (OSR). No foreign-callback exists, so
;; the calls are lean. Each line is the same on the VM and in machine code.
(import (scheme base) (scheme write) (kiln) (kiln ffi))
(define (show label x) (display label) (display ": ") (write x) (newline))
(define (stat name) (cdr (assq name (jit-stats))))
(define (both f . args)
  (let ((vm (apply run-on-tier 'vm f args)) (jit (apply run-on-tier 'jit f args)))
    (if (equal? vm jit) vm (list 'differ vm jit))))
(define (message e)
  (if (error-object? e) (cons (error-object-message e) (error-object-irritants e)) e))
(define (probe) 1)
(define jit? (jit-compile! probe))

(define c-abs (foreign-procedure "abs" '(int) 'int))
(define htonl (foreign-procedure "htonl" '(uint32) 'uint32))
(define toupper (foreign-procedure "toupper" '(int) 'int))

(define (iterate-abs x n)
  (let loop ((x x) (i 0))
    (if (< i n) (loop (c-abs x) (+ i 1)) x)))
(show "abs" (map (lambda (x) (both iterate-abs x 5)) '(-5 0 7 -2147483647 2147483647 -2147483648)))
(show "abs, no iteration" (both iterate-abs -3 0))
(show "abs, out of range" (guard (e (#t (message e))) (both iterate-abs 2147483648 3)))
(show "abs, not an integer" (guard (e (#t (message e))) (both iterate-abs 1.5 3)))

;; toupper(EOF) is EOF: a negative value carried around the loop. (Only
;; EOF and unsigned chars: toupper of anything else is undefined.)
(define (iterate-toupper x n)
  (let loop ((x x) (i 0))
    (if (< i n) (loop (toupper x) (+ i 1)) x)))
(show "toupper" (map (lambda (x) (both iterate-toupper x 4)) '(-1 97 65 122)))

;; htonl: uint32 results up to 2^32 - 1, through a uint32 argument.
(define (iterate-htonl x n)
  (let loop ((x x) (i 0))
    (if (< i n) (loop (htonl x) (+ i 1)) x)))
(show "htonl" (map (lambda (n) (both iterate-htonl 128 n)) '(0 1 2 3)))
(show "htonl, edges" (map (lambda (x) (both iterate-htonl x 3)) '(4294967295 2147483647 2147483648 0)))
(show "htonl, negative" (guard (e (#t (message e))) (both iterate-htonl -1 3)))

;; A uint32 result to an int32 argument: 2^31 is out of int32's range.
(define (abs-of-htonl x n)
  (let loop ((x x) (i 0))
    (if (< i n) (loop (htonl (c-abs (htonl x))) (+ i 1)) x)))
(show "abs of htonl" (both abs-of-htonl 1 3))
(show "abs of htonl, 2^31" (guard (e (#t (message e))) (both abs-of-htonl 128 3)))
;; An int32 result to a uint32 argument: -1 is out of uint32's range.
(define (htonl-of-toupper x n)
  (let loop ((x x) (i 0))
    (if (< i n) (loop (htonl (toupper x)) (+ i 1)) x)))
(show "htonl of toupper" (both htonl-of-toupper 97 2))
(show "htonl of toupper, -1" (guard (e (#t (message e))) (both htonl-of-toupper -1 2)))

;; Two shadowed parameters exchanged every iteration.
(define (swap a b n)
  (let loop ((a a) (b b) (i 0))
    (if (< i n) (loop (htonl b) (c-abs a) (+ i 1)) (list a b))))
(show "swap" (map (lambda (n) (both swap -7 16777216 n)) '(0 1 2 3 4)))

;; The callee passed as an argument: known from the frame that made the
;; function hot (tiered mode).
(define (iterate-with f x n)
  (let loop ((x x) (i 0))
    (if (< i n) (loop (f x) (+ i 1)) x)))
(define (many-with f x)
  (let loop ((k 0) (acc '()))
    (if (= k 300) (list (car acc) (length acc)) (loop (+ k 1) (cons (iterate-with f x 3) acc)))))
(show "callee as argument" (list (many-with c-abs -9) (many-with htonl 1) (many-with toupper -1)))

;; A loop in a function called once: entered at its header (OSR) in
;; tiered mode, with the shadow made from the VM's value.
(define (count-up limit)
  (let loop ((x -1000) (steps 0))
    (if (< steps limit) (loop (htonl (htonl (c-abs x))) (+ steps 1)) (list x steps))))
(show "one long loop" (count-up 5000))

(show "shadows passed" (if jit? (> (stat 'ffi-shadow-args) 0) #t))

; no-gc-stress: ten million calls
; Tail calls between a function kept on the VM and one in machine code run
; in constant space, and non-tail calls between them return correctly.
(define (vm-side n) (if (= n 0) 'vm-done (native-side (- n 1))))
(define (native-side n) (if (= n 0) 'native-done (vm-side (- n 1))))
(jit-forbid! vm-side)
(jit-compile! native-side)
(display (vm-side 10000000)) (newline)
(display (vm-side 9999999)) (newline)

(define (vm-depth n) (if (= n 0) 0 (+ 1 (native-depth (- n 1)))))
(define (native-depth n) (if (= n 0) 0 (+ 1 (vm-depth (- n 1)))))
(jit-forbid! vm-depth)
(jit-compile! native-depth)
(display (vm-depth 100000)) (newline)

; apply and case-lambda from machine code, and variadic callees.
(define (spread . xs) (apply + xs))
(define two-ways (case-lambda ((a) (list 'one a)) ((a b) (list 'two a b))))
(define (user) (list (spread 1 2 3) (two-ways 1) (two-ways 1 2) (apply two-ways '(3 4))))
(jit-compile! user)
(write (user)) (newline)

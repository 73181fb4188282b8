;; A function's pc-location table and OSR entries live right after its code
;; in code memory (jit/code_memory.h). With the mprotect mapping as well as
;; the dual one: a loop that tiers up in the middle of its only call enters
;; machine code through its OSR entry, and an error in machine code names
;; every frame's source location.
(define (sum-to n)
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc i)))))
(display (sum-to 100000)) (newline)
(define (walk l n)
  (if (= n 0)
      (car l)
      (+ 1 (walk l (- n 1)))))
(let loop ((i 0)) (if (< i 300) (begin (walk '(1) 3) (loop (+ i 1)))))  ; hot
(display (walk '(1) 3)) (newline)
(walk 'oops 2)

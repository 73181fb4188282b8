;; A constant returned from machine code is loaded straight into the return
;; register: immediates of every width (a negative fixnum and one beyond 32
;; bits need all 64), and heap constants, which still come from the
;; function's constant table.
(define (pick n)
  (case n
    ((0) 0)
    ((1) '())
    ((2) #t)
    ((3) #f)
    ((4) #\x)
    ((5) -1)
    ((6) 4294967296)
    ((7) -4611686018427387904)
    ((8) 4611686018427387903)
    ((9) "a string")
    ((10) 2.5)
    ((11) 'sym)
    (else (if #f #f))))
(define (walk n acc)
  (if (< n 0) acc (walk (- n 1) (cons (pick n) acc))))
(let loop ((i 0))
  (when (< i 300) (walk 12 '()) (loop (+ i 1))))
(write (walk 12 '()))
(newline)
;; A leaf of a recursion returning its base case constant.
(define (size t) (if (pair? t) (+ 1 (size (car t)) (size (cdr t))) 0))
(write (size '((a b) (c (d e)) f)))
(newline)

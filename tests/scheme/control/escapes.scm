; no-gc-stress: escapes a million times
; Escapes: from deep recursion, a million times in a loop (constant space),
; and call/cc in tail position (no stack growth).
(define (show x) (write x) (newline))

(define (find-deep n k) (if (= n 0) (k 'found) (+ 1 (find-deep (- n 1) k))))
(show (call/cc (lambda (k) (find-deep 100000 k))))

; Escaping from a 100000-deep recursion 50 times.
(define (escape-many times)
  (let loop ((i 0) (acc 0))
    (if (= i times)
        acc
        (loop (+ i 1) (+ acc (call/cc (lambda (k) (find-deep 100000 (lambda (v) (k 1))))))))))
(show (escape-many 50))

; A loop that escapes through a fresh continuation 1,000,000 times.
(define (count-escapes n)
  (let loop ((i 0) (acc 0))
    (if (= i n)
        acc
        (loop (+ i 1) (+ acc (call/cc (lambda (k) (k 1))))))))
(show (count-escapes 1000000))

; call/cc in tail position, 1,000,000 times: the frame is reused.
(define (tail-loop n)
  (if (= n 0)
      'done
      (call/cc (lambda (k) (tail-loop (- n 1))))))
(show (tail-loop 1000000))

; Mutual recursion through continuations in tail position.
(define (ping n) (if (= n 0) 'ping-done (call-with-current-continuation (lambda (k) (pong (- n 1))))))
(define (pong n) (if (= n 0) 'pong-done (call/cc (lambda (k) (ping (- n 1))))))
(show (ping 1000001))

; Escaping out of nested procedure calls keeps the caller's registers.
(define (f a b)
  (let ((c (* a b)))
    (+ a b c (call/cc (lambda (k) (list-tail '(1 2 3) (k 100)))))))
(show (f 2 3))

; A continuation called with the wrong kind of use still works as a procedure.
(show (map (lambda (x) (call/cc (lambda (k) (if (odd? x) (k (* x 10)) x)))) '(1 2 3 4)))

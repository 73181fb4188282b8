; An inline call/cc in tail position captures its caller's continuation
; and leaves its body in tail position: a loop through it runs in
; constant stack (10,000,000 iterations would overflow the frame stack
; otherwise), and so does a loop that escapes through k every iteration.
(define (count-down n acc)
  (if (= n 0)
      acc
      (call/cc (lambda (k) (count-down (- n 1) (+ acc 1))))))
(write (count-down 10000000 0)) (newline)

; The same through k itself: each iteration's k is the loop's caller's.
(define (count-k n)
  (call-with-current-continuation
   (lambda (k)
     (if (= n 0) (k 'done) (count-k (- n 1))))))
(write (count-k 10000000)) (newline)

; Mutual recursion, call/cc in both tails.
(define (ping n) (call/cc (lambda (k) (if (= n 0) 'ping (pong (- n 1))))))
(define (pong n) (call/cc (lambda (k) (if (= n 0) 'pong (ping (- n 1))))))
(write (list (ping 1000001) (ping 1000000))) (newline)

; call/cc inline: call/cc-tail in tail position; elsewhere a call/cc
; terminator whose join (b3 here) takes the value, from the body or from k.
(define (escape x) (+ 1 (call/cc (lambda (k) (if (> x 0) (k x) 0)))))
(define (tail x) (call/cc (lambda (k) (k x))))

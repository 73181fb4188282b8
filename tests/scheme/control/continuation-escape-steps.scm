; Calls of continuations from machine code (jit/control.cpp,
; call_continuation) and the escape that vm::enter_continuation makes in
; one step: k's chain is the thread's, with the same topmost chunk, and
; k's topmost frame is intact in place, so the seal comes down below that
; frame at once. Checked here: chunks of several frames (the seal stays in
; the chunk) and of one (it moves to the parent), the handlers an escape
; restores, an escape from deep inside the receiver, the values of a call
; with other than one argument, and continuations reached through apply.
; Each procedure runs a few hundred times so that in tiered mode later
; calls are machine code.
(define (show x) (write x) (newline))
(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (< i n) (loop (+ i 1) (thunk)) r)))

; call/cc at the bottom of a recursion, its receiver not inline (a named
; procedure): the capture's chunk holds every frame of the recursion, the
; escape lands on its topmost one, and each return below unseals the next.
(define (receiver-escape k) (k 10))
(define (down n receiver)
  (if (= n 0)
      (call/cc receiver)
      (+ 1 (down (- n 1) receiver))))
(show (repeat 300 (lambda () (down 20 receiver-escape))))

; The escape from deep inside the receiver: frames above k's are dropped,
; then the stack grows again past where they were.
(define (dive n k)
  (if (= n 0) (k 5) (+ 1 (dive (- n 1) k))))
(define (receiver-dive k) (dive 40 k))
(define (grow n) (if (= n 0) 0 (+ 2 (grow (- n 1)))))
(show (repeat 300 (lambda () (let ((r (down 15 receiver-dive))) (list r (grow 60))))))

; One frame a chunk (the seal moves to the parent chunk): ctak's shape.
(include "ctak.inc")
(show (repeat 50 (lambda () (ctak 10 6 2))))

; The escape restores the handlers k was captured with: a raise after it
; reaches the outer handler, not the one installed inside the receiver.
; (A named receiver: its capture seals the frame that made it, so that the
; escape finds k's chunk topmost.)
(define (receiver-handler k)
  (with-exception-handler
   (lambda (e) (list 'inner e))
   (lambda () (+ 1 (k 1)))))
(define (handler-escape)
  (with-exception-handler
   (lambda (e) (list 'outer e))
   (lambda ()
     (let ((r (call/cc receiver-handler)))
       (list r (raise-continuable 'x))))))
(show (repeat 300 handler-escape))

; Values: none, one, several, delivered through call-with-values.
(define (values-through-k n)
  (call-with-values
   (lambda () (call/cc (lambda (k) (if (= n 0) (k) (if (= n 1) (k 'a) (k 'a 'b 'c))))))
   list))
(show (repeat 300 (lambda () (map values-through-k '(0 1 3)))))

; A continuation reached through apply (the control helper's loop), with
; spread and fixed arguments.
(define (apply-k)
  (list (call/cc (lambda (k) (apply k '(7))))
        (call/cc (lambda (k) (apply k 8 '())))
        (call-with-values (lambda () (call/cc (lambda (k) (apply k 1 '(2 3))))) list)))
(show (repeat 300 apply-k))

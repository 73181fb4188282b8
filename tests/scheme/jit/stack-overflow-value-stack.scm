;; A stack overflow that machine code detects on the value stack (frames of
;; many slots fill it before the frame stack) enters the stack reserve, as
;; the VM's does, so that the handler has room to run: it is caught, every
;; time, whichever way the overflowing call was made (a direct self call,
;; a call through a global, a lazily entered callee).
(define (message thunk) (guard (e ((error-object? e) (error-object-message e))) (thunk)))
(define (big n)
  (let ((a (* n 2)) (b (* n 3)) (c (* n 5)) (d (* n 7)) (e (* n 11)) (f (* n 13)) (g (* n 17)) (h (* n 19)))
    (if (= n 0) 0 (+ a b c d e f g h (big (- n 1)) a b c d e f g h))))
(define (wide n)
  (let ((a (* n 2)) (b (* n 3)) (c (* n 5)) (d (* n 7)) (e (* n 11)) (f (* n 13)) (g (* n 17)) (h (* n 19)))
    (if (= n 0) 0 (+ a b c d e f g h (narrow (- n 1)) a b c d e f g h))))
(define (narrow n) (if (= n 0) 0 (+ 1 (wide (- n 1)))))
(write (message (lambda () (big 100000000)))) (newline)
(write (message (lambda () (big 100000000)))) (newline)
(write (message (lambda () (wide 100000000)))) (newline)
(write (list (big 1000) (wide 1000))) (newline)
(write (message (lambda () (big 100000000)))) (newline)
;; Several overflows caught inside one activation (one for-each): escaping
;; to the handler leaves the reserve each time (vm::after_reinstate), so the
;; next overflow is caught again.
(for-each (lambda (i) (write (message (lambda () (big 100000000)))) (newline)) '(1 2 3))

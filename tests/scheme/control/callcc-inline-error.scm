; An error raised in an inline call/cc's body: the backtrace names the
; enclosing function (the body runs in its frame), with the locations.
(define (inner x)
  (call/cc
   (lambda (k)
     (if (> x 0) (k x))
     (car x))))
(define (outer x) (+ 1 (inner x)))
(write (outer 5)) (newline)
(write (guard (e ((error-object? e) (list 'caught (error-object-message e)))) (outer -1))) (newline)
(outer 'oops)

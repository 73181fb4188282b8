; Parameters (R7RS 4.2.6) with converters, and parameterize across
; continuation jumps: escaping restores the outer value, re-entering
; reinstates the inner one, errors restore it too.
(define (show x) (write x) (newline))

(define p (make-parameter 10 (lambda (x) (* x 2))))
(show (p))
(parameterize ((p 3)) (show (p)))
(show (p))

; Escape out of parameterize.
(show (call/cc (lambda (k) (parameterize ((p 5)) (k (p))))))
(show (p))

; Re-entry into parameterize: the inner value is back each time.
(let ((k #f) (count 0) (seen '()))
  (parameterize ((p 1))
    (call/cc (lambda (c) (set! k c)))
    (set! seen (cons (p) seen)))
  (set! seen (cons (p) seen))
  (set! count (+ count 1))
  (if (< count 3) (k #f))
  (show (reverse seen)))

; A generator running inside parameterize sees its own value; the consumer
; sees its own.
(define q (make-parameter 'outside))
(define resume #f)
(define return #f)
(define (producer)
  (parameterize ((q 'producer))
    (let loop ((i 0))
      (call/cc (lambda (k) (set! resume k) (return (list i (q)))))
      (loop (+ i 1)))))
(define (next)
  (call/cc (lambda (r)
             (set! return r)
             (if resume (resume #f) (producer)))))
(let* ((a (next)) (a-q (q)) (b (next)) (b-q (q)))
  (show (list a a-q b b-q)))

; An error in the body restores the value.
(show (guard (e (#t (list 'caught (p))))
        (parameterize ((p 100)) (car '()))))

; Nested parameterize of the same parameter, and several parameters.
(define r (make-parameter "a"))
(parameterize ((p 1) (r "b"))
  (parameterize ((p 2))
    (show (list (p) (r))))
  (show (list (p) (r))))
(show (list (p) (r)))

; An index that is an exact integer but no valid index -- negative, past the
; end, or a bignum -- is out of range; anything else is a type error. The
; same from the VM's inline ops, machine code and the primitives (through
; apply).
(define (message thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (thunk)))
(define v (vector 1 2))
(define (vref v i) (vector-ref v i))
(define (vset v i) (vector-set! v i 0))
(define (sref s i) (string-ref s i))
(define (run)
  (map (lambda (i)
         (list (message (lambda () (vref v i)))
               (message (lambda () (vset v i)))
               (message (lambda () (apply vector-ref (list v i))))
               (message (lambda () (sref "ab" i)))))
       (list -1 2 (expt 2 62) (expt 2 70) (- (expt 2 70)) 1.0 1/2 'x)))
(define first (run))
(do ((i 0 (+ i 1))) ((= i 150)) (run))
(for-each (lambda (r) (write r) (newline)) first)
(write (equal? first (run)))
(newline)

;; Quoted pairs are literal constants (runtime/literal.h): every mutator of
;; pairs refuses them, in every tier. The mutations run in procedures called
;; 300 times, so that in tiered mode they run as machine code (the inline
;; set-car!/set-cdr! of the JIT) after the first hundred calls; --jit=eager
;; runs them as machine code from the start. The literal reaches the
;; mutator as an argument, so no compiler can know it is one.

(define (message-of thunk)
  (guard (e ((error-object? e) (error-object-message e)))
    (thunk)
    'no-error))

(define (try-set-car p) (message-of (lambda () (set-car! p 'x))))
(define (try-set-cdr p) (message-of (lambda () (set-cdr! p 'x))))
(define (try-list-set p) (message-of (lambda () (list-set! p 1 'x))))
(define (inline-set-car p) (set-car! p 'x))   ; the intrinsic, not under guard
(define (inline-set-cdr p) (set-cdr! p 'y))

(define lit '(1 2 3))
(define nested '((a . b) #(c (d e)) "s"))

(define (round-trip n)
  (let loop ((i 0) (seen '()))
    (if (= i n)
        seen
        (let ((r (list (try-set-car lit)
                       (try-set-cdr lit)
                       (try-list-set lit)
                       (try-set-car (car nested))                 ; a pair inside a list
                       (try-set-cdr (cdr (vector-ref (cadr nested) 1)))   ; inside a vector
                       (message-of (lambda () (inline-set-car (cdr lit))))
                       (message-of (lambda () (inline-set-cdr (cddr lit))))
                       (try-set-car (list 1 2)))))                ; fresh: mutable
          (loop (+ i 1) (if (member r seen) seen (cons r seen)))))))

(for-each (lambda (r) (for-each (lambda (m) (display m) (newline)) r))
          (round-trip 300))
(write lit) (newline)
(write nested) (newline)

;; The same list copied is mutable; the literal it was copied from is not.
(define copy (list-copy lit))
(set-car! copy 'changed)
(write copy) (newline)
(write lit) (newline)

;; The pairs quasiquote builds are fresh.
(define (qq x) `(,x 2 3))
(define q (qq 1))
(set-car! q 'fresh)
(write q) (newline)

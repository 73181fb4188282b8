;; R7RS 4.2.2: it is an error to read a letrec/letrec* variable before its
;; initializer has run, and 5.3.2 makes internal definitions letrec*. Kiln
;; raises a catchable error naming the variable, on every tier, whether
;; the read is in the initializer itself or in a closure it calls.

(define (report thunk)
  (guard (e ((error-object? e)
             (list (error-object-message e) (error-object-irritants e))))
    (thunk)))

;; Read directly by an earlier initializer.
(define (direct) (letrec ((a b) (b 1)) a))
;; Its own initializer.
(define (self) (letrec* ((a (+ a 1))) a))
;; Internal definitions.
(define (internal) (define x y) (define y 2) x)
;; Through a closure called by an initializer.
(define (through-closure) (define (h) y) (define x (h)) (define y 2) x)
;; Calling a lambda whose variable is not initialized yet.
(define (call-early) (letrec ((f (lambda () (g))) (x (f)) (g (lambda () 1))) x))
;; Only on some calls: the same closure reads the variable early or late.
(define (sometimes early?)
  (letrec ((get (lambda () v))
           (x (if early? (get) 0))
           (v 'late))
    (if early? x (get))))
;; Inside a nested lambda made by an earlier initializer.
(define (nested)
  (define (make) (lambda () z))
  (define w ((make)))
  (define z 5)
  w)
;; Ordered correctly: no error.
(define (fine) (define (h) y) (define y 2) (define x (h)) (list x (h)))

(define (run)
  (list (report direct) (report self) (report internal) (report through-closure)
        (report call-early) (report (lambda () (sometimes #t))) (report (lambda () (sometimes #f)))
        (report nested) (report fine)))

(for-each (lambda (r) (write r) (newline)) (run))
;; Many times, so that the tiered mode runs the same code compiled.
(let loop ((i 0) (same #t))
  (if (< i 300)
      (loop (+ i 1) (and same (equal? (run) (run))))
      (begin (write same) (newline))))
;; A condition like any other: with-exception-handler sees it too.
(write (call/cc
        (lambda (k)
          (with-exception-handler
           (lambda (e) (k (error-object-message e)))
           direct))))
(newline)

; dynamic-wind: the R7RS 6.10 example, and the order of before/after thunks
; when continuations jump out of and back into nested extents.
(define (show x) (write x) (newline))

(show (let ((path '())
            (c #f))
        (let ((add (lambda (s) (set! path (cons s path)))))
          (dynamic-wind
           (lambda () (add 'connect))
           (lambda ()
             (add (call-with-current-continuation
                   (lambda (c0) (set! c c0) 'talk1))))
           (lambda () (add 'disconnect)))
          (if (< (length path) 4)
              (c 'talk2)
              (reverse path)))))

(define trace '())
(define (note x) (set! trace (cons x trace)))
(define (show-trace) (show (reverse trace)) (set! trace '()))

; Normal entry and exit, with the thunk's values passed through.
(show (call-with-values
       (lambda () (dynamic-wind (lambda () (note 'in)) (lambda () (values 1 2)) (lambda () (note 'out))))
       list))
(show-trace)

; Escaping from two nested extents runs the afters innermost first.
(call/cc
 (lambda (k)
   (dynamic-wind
    (lambda () (note 'outer-in))
    (lambda ()
      (dynamic-wind
       (lambda () (note 'inner-in))
       (lambda () (k 'escaped) (note 'not-reached))
       (lambda () (note 'inner-out))))
    (lambda () (note 'outer-out)))))
(show-trace)

; Re-entering them runs the befores outermost first.
(define reenter #f)
(define count 0)
(dynamic-wind
 (lambda () (note 'a-in))
 (lambda ()
   (dynamic-wind
    (lambda () (note 'b-in))
    (lambda () (call/cc (lambda (k) (set! reenter k))) (note 'body))
    (lambda () (note 'b-out))))
 (lambda () (note 'a-out)))
(set! count (+ count 1))
(if (< count 2) (reenter #f))
(show-trace)

; Jumping between two sibling extents leaves one and enters the other.
(define k-left #f)
(define done #f)
(dynamic-wind
 (lambda () (note 'left-in))
 (lambda () (call/cc (lambda (k) (set! k-left k))))
 (lambda () (note 'left-out)))
(if (not done)
    (dynamic-wind
     (lambda () (note 'right-in))
     (lambda () (set! done #t) (k-left #f))
     (lambda () (note 'right-out))))
(show-trace)

; A thunk sees the dynamic-wind state of its own dynamic-wind call: an after
; thunk that escapes again does not run itself twice.
(call/cc
 (lambda (outer)
   (dynamic-wind
    (lambda () (note 'x-in))
    (lambda ()
      (call/cc
       (lambda (inner)
         (dynamic-wind
          (lambda () (note 'y-in))
          (lambda () (outer 'gone))
          (lambda () (note 'y-out))))))
    (lambda () (note 'x-out)))))
(show-trace)

; Errors leave extents too.
(guard (e (#t (note (list 'caught e))))
  (dynamic-wind (lambda () (note 'e-in)) (lambda () (raise 'oops)) (lambda () (note 'e-out))))
(show-trace)

; Record constructors, predicates, accessors and modifiers run inline in
; machine code (jit/emit_records.cpp); everything else -- another type, not
; a record, a type name rebound to something else, a record too big to
; allocate inline (make-wide) -- goes through the primitives, with their
; messages.
(define (show x) (write x) (newline))
(define (message thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (thunk)))

(define-record-type point (make-point x y) point? (x point-x set-point-x!) (y point-y set-point-y!))
(define-record-type other (make-other a) other? (a other-a))
(define-record-type empty (make-empty) empty?)
(define-record-type partial (make-partial b) partial? (a partial-a) (b partial-b))
(define-record-type wide
  (make-wide f0 f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f15 f16 f17 f18 f19
             f20 f21 f22 f23 f24 f25 f26 f27 f28 f29 f30 f31 f32)
  wide?
  (f0 wide-f0) (f1 wide-f1) (f2 wide-f2) (f3 wide-f3) (f4 wide-f4) (f5 wide-f5) (f6 wide-f6)
  (f7 wide-f7) (f8 wide-f8) (f9 wide-f9) (f10 wide-f10) (f11 wide-f11) (f12 wide-f12)
  (f13 wide-f13) (f14 wide-f14) (f15 wide-f15) (f16 wide-f16) (f17 wide-f17) (f18 wide-f18)
  (f19 wide-f19) (f20 wide-f20) (f21 wide-f21) (f22 wide-f22) (f23 wide-f23) (f24 wide-f24)
  (f25 wide-f25) (f26 wide-f26) (f27 wide-f27) (f28 wide-f28) (f29 wide-f29) (f30 wide-f30)
  (f31 wide-f31) (f32 wide-f32 set-wide-f32!))

(define things (list (make-point 1 2) (make-other 'o) (make-empty) 7 '(1 . 2) (vector 1 2) "s" #f))

(define (round1 i)
  (let ((p (make-point i (* 2 i)))
        (w (make-wide 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 i)))
    (set-point-x! p (+ (point-x p) 1))
    (set-wide-f32! w (+ (wide-f32 w) (wide-f0 w) (wide-f31 w)))
    (list (point-x p) (point-y p)
          (map point? things) (map other? things) (map empty? things)
          (if (point? (car things)) 'yes 'no)
          (partial-a (make-partial 'b)) (partial-b (make-partial 'b))
          (wide-f32 w) (wide? w) (point? w)
          (message (lambda () (point-x (make-other 1))))
          (message (lambda () (point-y 5)))
          (message (lambda () (set-point-y! '(1) 0)))
          (message (lambda () (other-a (make-point 1 2)))))))

(define first (round1 0))
(do ((i 1 (+ i 1))) ((= i 300)) (round1 i))
(show first)
(show (round1 300))

; The type's name is an ordinary variable: rebound, every use of the type
; fails as the primitive says.
(set! point 'not-a-type)
(show (message (lambda () (make-point 1 2))))
(show (message (lambda () (point? 1))))
(show (message (lambda () (point-x (car things)))))

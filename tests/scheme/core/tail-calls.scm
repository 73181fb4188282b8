; no-gc-stress: runs ten million iterations
; Proper tail calls (R7RS 3.5): each loop below would exhaust any stack if
; a tail call consumed a frame.
(define (count n) (if (= n 0) 'done (count (- n 1))))
(display (count 10000000)) (newline)

(define (my-even? n) (if (= n 0) #t (my-odd? (- n 1))))
(define (my-odd? n) (if (= n 0) #f (my-even? (- n 1))))
(display (my-even? 1000001)) (newline)

(define (apply-loop n) (if (= n 0) 'applied (apply apply-loop (list (- n 1)))))
(display (apply-loop 1000000)) (newline)

; Tail positions inside derived forms.
(define (in-cond n) (cond ((= n 0) 'cond) (else (in-cond (- n 1)))))
(define (in-and n) (and #t (if (= n 0) 'and (in-and (- n 1)))))
(define (in-or n) (or #f (if (= n 0) 'or (in-or (- n 1)))))
(define (in-when n) (when #t (if (= n 0) 'when (in-when (- n 1)))))
(define (in-case n) (case (if (= n 0) 0 1) ((0) 'case) (else (in-case (- n 1)))))
(define (in-let n) (let ((m (- n 1))) (if (< m 0) 'let (in-let m))))
(define (in-let* n) (let* ((a n) (m (- a 1))) (if (< m 0) 'let* (in-let* m))))
(define (in-letrec n) (letrec ((m (- n 1))) (if (< m 0) 'letrec (in-letrec m))))
(define (in-begin n) (begin 1 (if (= n 0) 'begin (in-begin (- n 1)))))
(define (in-do n) (do ((i 0 (+ i 1))) ((= i 1) (if (= n 0) 'do (in-do (- n 1))))))
(for-each (lambda (f) (display (f 1000000)) (newline))
          (list in-cond in-and in-or in-when in-case in-let in-let* in-letrec in-begin in-do))

; A named let loop that is not in tail position of its function.
(define (sum-to n) (+ 0 (let loop ((i 0) (s 0)) (if (> i n) s (loop (+ i 1) (+ s i))))))
(display (sum-to 1000000)) (newline)

; Tail calls through a case-lambda and through a variadic procedure.
(define cl (case-lambda ((n) (if (= n 0) 'case-lambda (cl (- n 1) 'x))) ((n x) (cl n))))
(display (cl 1000000)) (newline)
(define (var . args) (if (= (car args) 0) 'variadic (var (- (car args) 1) 1 2 3)))
(display (var 1000000)) (newline)

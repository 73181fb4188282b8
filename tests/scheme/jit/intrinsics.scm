;; Primitives machine code runs inline (jit/emit_intrinsics.cpp): each on
;; the values of its fast path and on everything that must go through the
;; primitive -- other numbers, wrong types, errors -- in a function compiled
;; early (eager) or hot (tiered), compared with the VM by the harness.
(define (repeat k thunk) (if (= k 1) (thunk) (begin (thunk) (repeat (- k 1) thunk))))
(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (thunk)))
(define top (- (expt 2 62) 1))
(define bottom (- (expt 2 62)))

(define (division a b) (list (quotient a b) (remainder a b) (modulo a b)))
(for-each (lambda (p) (write (repeat 120 (lambda () (division (car p) (cdr p))))) (newline))
          (list (cons 17 5) (cons -17 5) (cons 17 -5) (cons -17 -5) (cons 15 5) (cons -15 5) (cons 0 7)
                (cons top 1) (cons bottom -1) (cons bottom 1) (cons top -7) (cons (expt 10 30) 7)
                (cons 17. 5) (cons 17 5.)))
(write (message (lambda () (division 1 0)))) (newline)
(write (message (lambda () (division 'a 2)))) (newline)
(write (message (lambda () (division 1.5 2)))) (newline)

(define (preds x) (list (zero? x) (even? x) (odd? x)))
(for-each (lambda (x) (write (repeat 120 (lambda () (preds x)))) (newline))
          (list 0 1 -1 2 -2 top bottom (expt 2 70) (+ 1 (expt 2 70)) 0. 4.))
(write (message (lambda () (preds 'x)))) (newline)
(write (message (lambda () (preds 1.5)))) (newline)

(define (cxrs l) (list (cadr l) (cddr l) (caddr l) (cdddr l) (cadddr l) (caar (list l)) (cdar (list l))))
(write (repeat 120 (lambda () (cxrs '(1 2 3 4 5))))) (newline)
(write (message (lambda () (cxrs '(1 2))))) (newline)
(write (message (lambda () (cadr 5)))) (newline)

(define (lists a b c) (list (list) (list a) (list a b c) (list a b c a b c a b) (list a b c a b c a b c)))
(write (repeat 3000 (lambda () (lists 1 'two "three")))) (newline)

(define (mutate p) (set-car! p 'x) (set-cdr! p 'y) p)
(write (repeat 120 (lambda () (mutate (cons 1 2))))) (newline)
(write (message (lambda () (mutate '(1 . 2))))) (newline)   ; a literal is immutable
(write (message (lambda () (mutate 7)))) (newline)

(define (lengths v s) (list (vector-length v) (string-length s)))
(write (repeat 120 (lambda () (lengths (make-vector 5 0) "héllo")))) (newline)
(write (message (lambda () (lengths "no" "x")))) (newline)
(write (message (lambda () (lengths (vector) 'no)))) (newline)

(define (chars s i) (string-ref s i))
(write (repeat 120 (lambda () (list (chars "aλ😀" 0) (chars "aλ😀" 1) (chars "aλ😀" 2))))) (newline)
(write (message (lambda () (chars "abc" 3)))) (newline)
(write (message (lambda () (chars "abc" -1)))) (newline)
(write (message (lambda () (chars "abc" 1.)))) (newline)
(write (message (lambda () (chars 'abc 0)))) (newline)

(define (tails l k) (list (list-tail l k) (list-ref l k)))
(write (repeat 120 (lambda () (list (tails '(a b c d) 0) (tails '(a b c d) 3) (tails '(a b c . d) 2))))) (newline)
(write (message (lambda () (tails '(a b c) 3)))) (newline)     ; list-ref past the end
(write (message (lambda () (list-tail '(a b c) 4)))) (newline)
(write (message (lambda () (tails '(a b c) -1)))) (newline)
(write (message (lambda () (tails '(a b c) 1.)))) (newline)
(write (message (lambda () (tails '(a b c) (expt 2 70))))) (newline)
(write (message (lambda () (tails 'x 1)))) (newline)
(write (list-tail 'x 0)) (newline)

(define (search x l al) (list (memq x l) (assq x al)))
(define long (let loop ((i 0) (l '())) (if (= i 600) l (loop (+ i 1) (cons i l)))))
(define long-al (map (lambda (i) (cons i (* i i))) long))
(define circ (let ((l (list 'a 'b 'c))) (set-cdr! (cddr l) l) l))
(write (repeat 120 (lambda () (list (search 'b '(a b c) '((a . 1) (b . 2))) (search 'z '(a b) '((a . 1)))
                                    (search 'b '(a b . c) '((a . 1) (b . 2) . x)) (search 3 long long-al)
                                    (let ((r (search 599 long long-al))) (list (length (car r)) (cadr r))) (search 600 long long-al)
                                    (car (memq 'c circ)) (search 'a '() '())))))
(newline)
(write (message (lambda () (search 'z '(a b . c) '())))) (newline)
(write (message (lambda () (search 'z '() '((a . 1) . x))))) (newline)
(write (message (lambda () (search 'b '() '((a . 1) 7 (b . 2)))))) (newline)
(write (message (lambda () (search 'a '() '(7 (a . 1)))))) (newline)
(write (search 'a '() '((a . 1) 7))) (newline)
(write (message (lambda () (memq 'z circ)))) (newline)
(write (message (lambda () (search 'z 5 '())))) (newline)

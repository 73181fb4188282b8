;; Calls to a global that held a compiled closure when the caller was
;; compiled jump straight to its machine code, guarded by a watch on the
;; global (or a comparison with that closure): redefining the global, or
;; binding it to a procedure of another kind or arity, takes the generic way.
(define (double x) (* 2 x))
(define (twice-sum n acc) (if (= n 0) acc (twice-sum (- n 1) (+ acc (double n)))))
(define (count-down n) (if (= n 0) 'done (count-down (- n 1))))   ; a direct self tail call
(define (depth n) (if (= n 0) 0 (+ 1 (depth (- n 1)))))           ; direct self calls
(define (run) (list (twice-sum 100 0) (count-down 1000) (depth 1000)))
(define (repeat k thunk) (if (= k 1) (thunk) (begin (thunk) (repeat (- k 1) thunk))))
(write (repeat 200 run)) (newline)
(set! double (lambda (x) (* 3 x)))                     ; another closure
(write (run)) (newline)
(set! double -)                                        ; a primitive
(write (run)) (newline)
(set! double (case-lambda ((x) (list x)) ((x y) x)))   ; not a closure
(write (twice-sum 0 'start)) (newline)
(write (guard (e ((error-object? e) (error-object-message e))) (twice-sum 2 0))) (newline)
(set! double (lambda (x y) x))                         ; another arity
(write (guard (e ((error-object? e) (error-object-message e))) (twice-sum 2 0))) (newline)
(define saved depth)
(set! depth (lambda (n) 100))                          ; the self call now goes elsewhere
(write (saved 5)) (newline)
(write (depth 5)) (newline)
;; Deep direct self recursion still reports its overflow like the VM.
(set! depth saved)
(write (depth 100000)) (newline)

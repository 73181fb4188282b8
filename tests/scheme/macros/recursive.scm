;; Recursive macros, let-syntax / letrec-syntax scoping, and the classic
;; examples: while, my-let*, loops with break.

(define (show . xs) (for-each display xs) (newline))

(define-syntax my-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((x v) rest ...) body ...) (let ((x v)) (my-let* (rest ...) body ...)))))
(show (my-let* ((a 1) (b (+ a 1)) (c (* b 10))) (list a b c)))
(show (my-let* () 'empty))

(define-syntax while
  (syntax-rules ()
    ((_ cond body ...) (let lp () (when cond body ... (lp))))))
(define i 0)
(define acc '())
(while (< i 5) (set! acc (cons i acc)) (set! i (+ i 1)))
(show acc)
;; The loop name `lp` does not capture a user procedure called lp.
(define (lp) 'users-lp)
(define j 0)
(while (< j 2) (set! j (+ j 1)) (lp))
(show j " " (lp))

(define-syntax for
  (syntax-rules (in from to)
    ((_ x in lst body ...) (for-each (lambda (x) body ...) lst))
    ((_ x from a to b body ...) (do ((x a (+ x 1))) ((> x b)) body ...))))
(for x in '(a b c) (display x))
(newline)
(for k from 1 to 5 (display k))
(newline)

;; A loop with an escape, written with call/cc-free recursion.
(define-syntax repeat-until
  (syntax-rules ()
    ((_ test body ...) (let loop () body ... (if (not test) (loop))))))
(define n 0)
(repeat-until (>= n 3) (set! n (+ n 1)))
(show n)

;; Recursion on the structure of the input: reverse at expansion time.
(define-syntax rev
  (syntax-rules ()
    ((_ () acc) 'acc)
    ((_ (x . xs) acc) (rev xs (x . acc)))
    ((_ lst) (rev lst ()))))
(show (rev (1 2 3 4)))

;; Counting with Peano-style recursion and accumulators.
(define-syntax count-args
  (syntax-rules ()
    ((_) 0)
    ((_ x rest ...) (+ 1 (count-args rest ...)))))
(show (count-args a b c d e))

;; Mutual recursion among local macros.
(show (letrec-syntax
          ((ev? (syntax-rules () ((_) #t) ((_ x . r) (od? . r))))
           (od? (syntax-rules () ((_) #f) ((_ x . r) (ev? . r)))))
        (list (ev? 1 2 3 4) (ev? 1 2 3))))

;; let-syntax: the transformers are in the outer scope, so a keyword used
;; inside a transformer refers to the outer binding.
(define-syntax outer (syntax-rules () ((_) 'outer-macro)))
(show (let-syntax ((outer (syntax-rules () ((_) 'inner-macro)))
                   (uses-outer (syntax-rules () ((_) (outer)))))
        (list (outer) (uses-outer))))
(show (letrec-syntax ((outer (syntax-rules () ((_) 'inner-macro)))
                      (uses-outer (syntax-rules () ((_) (outer)))))
        (list (outer) (uses-outer))))
;; let-syntax bodies may have definitions.
(show (let-syntax ((k (syntax-rules () ((_) 5))))
        (define y (k))
        (* y 2)))

;; A long recursive expansion: my-or over 300 arguments.
(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))
(show (my-or #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f #f
             'found))

;; A macro expanding into a tail call keeps it a tail call.
(define-syntax tail-call (syntax-rules () ((_ f a ...) (f a ...))))
(define (countdown k) (if (= k 0) 'bottom (tail-call countdown (- k 1))))
(show (countdown 1000000))

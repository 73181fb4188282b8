; R7RS 4.2.8: quasiquote, unquote and unquote-splicing written out in full,
; as well as abbreviated (2.4): (quasiquote x) is `x, (unquote x) is ,x and
; (unquote-splicing x) is ,@x, and the two notations build the same data.
(import (scheme base) (scheme write))
(define (t . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
; the report's examples
(t (quasiquote (list (unquote (+ 1 2)) 4))
   `(list ,(+ 1 2) 4))
(t (equal? (let ((name 'a)) (quasiquote (list (unquote name) (quote (unquote name)))))
           '(list a (quote a))))
(t (quasiquote (a (unquote (+ 1 2)) (unquote-splicing (map abs '(4 -5 6))) b)))
(t (quasiquote ((foo (unquote (- 10 3))) (unquote-splicing (cdr '(c))) unquote (car '(cons)))))
(t (quasiquote #(10 5 (unquote (square 2)) (unquote-splicing (map square '(4 3))) 8)))
(t (let ((foo '(foo bar)) (@baz 'baz)) `(list ,@foo , @baz)))
; a quoted quasiquotation is a list headed by the symbol quasiquote
(t (equal? '(quasiquote (list (unquote (+ 1 2)) 4)) '`(list ,(+ 1 2) 4))
   (car '`x) (car ',x) (car ',@x) (car ''x))
; nesting: only the innermost level of unquote is evaluated
(t (equal? `(a `(b ,(+ 1 2) ,(foo ,(+ 1 3) d) e) f)
           '(a (quasiquote (b (unquote (+ 1 2)) (unquote (foo 4 d)) e)) f)))
(t (equal? (let ((name1 'x) (name2 'y)) `(a `(b ,,name1 ,',name2 d) e))
           '(a (quasiquote (b (unquote x) (unquote (quote y)) d)) e)))
(t (equal? (quasiquote (1 (quasiquote (2 (unquote (3 (unquote (+ 2 2))))))))
           '(1 (quasiquote (2 (unquote (3 4)))))))
; unquote-splicing at the end of a list, of an empty list, and in a vector
(t (quasiquote (1 (unquote-splicing (list 2 3)))) (quasiquote (0 (unquote-splicing '()) 1))
   (quasiquote #((unquote-splicing (list 1 2)))) (quasiquote (unquote (* 6 7))))
; unquote inside a vector inside a list; splicing a freshly made list
(t (quasiquote (1 #(2 (unquote (+ 1 2))) (unquote-splicing (make-list 2 'x)))))

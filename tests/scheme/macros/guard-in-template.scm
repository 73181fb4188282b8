;; A guard written in a syntax-rules template: its variable is a renamed
;; identifier, bound hygienically like any other.
(define x 'outer)
(define-syntax safe
  (syntax-rules ()
    ((_ e) (guard (x (#t (list 'caught x))) e))))
(write (safe (raise 'boom))) (newline)
(write (safe 42)) (newline)
;; The user's x in the body is not the template's.
(write (safe x)) (newline)
(write (safe (raise x))) (newline)
;; With an else clause and => from the template.
(define-syntax classify
  (syntax-rules ()
    ((_ e) (guard (c ((symbol? c) (list 'symbol c))
                     ((assq 'code (if (list? c) c '())) => cdr)
                     (else (list 'other c)))
             e))))
(write (list (classify (raise 'a)) (classify (raise '((code . 7)))) (classify (raise 3)) (classify 'fine)))
(newline)

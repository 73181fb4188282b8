; (exit #f) is failure (status 1), from inside a guard and a nested call.
(define (f) (guard (e (#t (display "no handler sees exit\n"))) (exit #f)))
(display "start\n")
(f)

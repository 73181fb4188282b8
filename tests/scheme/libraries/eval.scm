;; eval with environment, interaction-environment, scheme-report-environment,
;; null-environment, and load.
(import (scheme base) (scheme write) (scheme eval) (scheme repl) (scheme load) (scheme r5rs))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

(show (eval '(+ 1 2) (environment '(scheme base))))
(show (eval '(let loop ((i 0) (acc '())) (if (= i 3) acc (loop (+ i 1) (cons i acc))))
            (environment '(scheme base))))
;; Import sets work in environment, including user libraries.
(show (eval '(area 5) (environment '(only (demo shapes) area))))
(show (eval '(sh:perimeter 5) (environment '(prefix (demo shapes) sh:))))
(show (eval '(first '(a b)) (environment '(rename (scheme base) (car first)) '(only (scheme base) quote))))
;; Definitions persist in the interaction environment (the program's).
(eval '(define eval-defined 10) (interaction-environment))
(show (eval '(* eval-defined 2) (interaction-environment)))
(show (eval 'eval-defined (interaction-environment)) eval-defined)
;; eval in an environment made by environment: defining there is allowed.
(define env (environment '(scheme base)))
(eval '(define (twice f x) (f (f x))) env)
(show (eval '(twice (lambda (n) (* n 3)) 2) env))
;; R5RS environments.
(show (eval '(exact->inexact 1/4) (scheme-report-environment 5)))
(show (eval '(if #t 'syntax-only 'no) (null-environment 5)))
;; Code that imports a library inside eval runs the library's body first.
(show (eval '(begin (import (demo counter)) (count!) (count!)) (interaction-environment)))
;; load into the interaction environment, which in a program is the
;; program's own environment, and into a given environment.
(load "tests/scheme/libraries/data/loaded.incl")
(show (eval '(loaded-square loaded-count) (interaction-environment)) (loaded-square 4))
(define env2 (environment '(scheme base)))
(load "tests/scheme/libraries/data/loaded.incl" env2)
(show (eval '(loaded-square 7) env2))

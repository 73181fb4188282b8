; R7RS 6.5: symbols.
(define (t . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(t (symbol? 'foo) (symbol? (car '(a b))) (symbol? "bar") (symbol? 'nil) (symbol? '()) (symbol? #f))
(t (symbol=? 'a 'a) (symbol=? 'a 'A) (symbol=? 'a 'a 'a) (symbol=? 'a 'a 'b))
(t (symbol->string 'flying-fish) (symbol->string 'Martin) (symbol->string (string->symbol "Malvina")))
(t (string->symbol "mISSISSIppi") (eq? 'bitBlt (string->symbol "bitBlt")))
(t (eq? 'LolliPop (string->symbol (symbol->string 'LolliPop))))
(t (string=? "K. Harper, M.D." (symbol->string (string->symbol "K. Harper, M.D."))))
(t (string->symbol "") (string->symbol "hello world") (string->symbol "1") (string->symbol "a|b"))
(t '|foo bar| 'λ (symbol->string 'λ) (string->symbol "Ünïcödé"))
(t (eq? '|abc| 'abc) (symbol->string '|a\x41;b|))
; symbol->string of a literal is immutable in R7RS; the string compares equal
(t (string=? (symbol->string 'abc) "abc"))

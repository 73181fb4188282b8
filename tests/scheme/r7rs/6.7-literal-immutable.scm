; The string of symbol->string is immutable (R7RS 6.5); string-copy gives a
; mutable one.
(define s (string-copy (symbol->string 'abc)))
(string-set! s 0 #\x)
(write s) (newline)
(string-set! (symbol->string 'abc) 0 #\x)

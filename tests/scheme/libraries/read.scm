;; read consumes exactly one datum from a textual port; what follows it is
;; left for read-char, read-line and the next read.
(import (scheme base) (scheme write) (scheme read) (scheme file))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

(define p (open-input-string "(a b . c) sym 42 \"str (with) parens\"#\\( #(1 2) #u8(1 2) 'q `(x ,y) |odd sym|rest"))
(show (read p) (read-char p))         ; the delimiter after ) is still there
(show (read p) (peek-char p))         ; an atom ends before its delimiter
(show (read p) (read p))
(show (peek-char p))                  ; #\# : the string ended exactly at its quote
(show (read p) (read p) (read p) (read p) (read p))
(show (read p) (read-char p))         ; |odd sym| then r
(show (read p) (read p))              ; "est", then end of file

;; Comments, datum comments and nesting; brackets inside strings and chars.
(define q (open-input-string "  ; line comment\n #| block #| nested |# |# #;(skipped datum) (kept [1 #\\)] \"])\") tail"))
(show (read q))
(show (read-line q))

;; Numbers and booleans end at delimiters too; eof after trailing space.
(define r (open-input-string "-1.5e3 #t #false 1/3 "))
(show (read r) (read r) (read r) (read r) (eof-object? (read r)))

;; Unicode text.
(define u (open-input-string "(λ \"ünï\" #\\λ) ok"))
(show (read u) (read-char u) (read u))

;; From a file port, then the rest of the line with read-line.
(define f (open-input-file "tests/scheme/libraries/data/data.txt"))
(show (read f) (read f) (read f) (read f))
(show (read-line f))
(show (read f) (read f) (eof-object? (read f)))
(close-port f)

; R7RS 2.1: +i, -i and <infnan> forms are numbers, not identifiers. Kiln has
; no non-real numbers (tests/KNOWN-FAILURES), so such a literal is a read
; error at its location, like 1+2i -- not a symbol named "+i". A symbol
; spelled that way is written with bars so that it reads back as a symbol.
(write (list (string->symbol "+i") (string->symbol "-i") (string->symbol "+inf.0i")
             (string->symbol "1+2i") (string->symbol "+i-") (string->symbol "+inf.0")))
(newline)
(write (guard (e ((read-error? e) (error-object-message e)))
  (read (open-input-string "(a -i)"))))
(newline)
(write (guard (e ((read-error? e) (error-object-message e)))
  (read (open-input-string "#x1+2i"))))
(newline)
(write (guard (e ((read-error? e) (error-object-message e)))
  (read (open-input-string "1.5+2e-3i"))))
(newline)
(write '(+i- -inf.0-))  ; not number syntax: still symbols
(newline)
(display (+ 1 +i))

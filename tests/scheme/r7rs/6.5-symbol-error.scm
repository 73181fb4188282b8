; symbol->string of a non-symbol names the procedure and the value.
(display "start") (newline)
(symbol->string "not a symbol")

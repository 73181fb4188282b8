; (exit n) ends the program with status n; output written so far is flushed.
(display "before exit") (newline)
(write-string "unterminated")
(exit 3)
(display "not reached")

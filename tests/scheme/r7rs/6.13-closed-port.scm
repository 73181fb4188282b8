; Reading from a closed port is an error naming the procedure.
(define p (open-input-string "abc"))
(close-port p)
(read-char p)

; Writing to an input port is an error naming the procedure and argument.
(write-char #\a (open-input-string "abc"))

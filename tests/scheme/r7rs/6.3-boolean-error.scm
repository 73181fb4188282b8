; boolean=? with a non-boolean is an error naming the procedure.
(boolean=? #t 1)

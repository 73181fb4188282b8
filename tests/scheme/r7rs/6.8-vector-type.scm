; vector-length of a list names the procedure and the value.
(vector-length '(1 2))

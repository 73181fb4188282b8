; string-ref past the end names the procedure, the index and the string.
(string-ref "abc" 3)

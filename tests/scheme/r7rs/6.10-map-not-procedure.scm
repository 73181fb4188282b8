; map with a non-procedure: the error names what was called.
(map 5 '(1 2))

; list-ref past the end of the list is an error.
(list-ref '(a b c) 3)

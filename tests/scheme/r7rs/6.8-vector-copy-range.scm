; vector-copy! of more elements than fit after `at` is an error that says so.
(define v (make-vector 3 0))
(vector-copy! v 1 #(a b))
(write v) (newline)
(vector-copy! v 2 #(a b))

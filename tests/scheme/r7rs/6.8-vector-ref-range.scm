; vector-ref with a negative index names the procedure and the index.
(vector-ref (vector 1 2) -1)

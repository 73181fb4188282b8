; hash-table-ref of an absent key without a failure thunk is an error.
(define h (make-hash-table))
(hash-table-set! h 'a 1)
(display (hash-table-ref h 'a)) (newline)
(hash-table-ref h 'b)

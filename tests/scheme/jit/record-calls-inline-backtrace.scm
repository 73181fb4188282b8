;; An error found by an accessor's inline code (jit/record_calls.cpp) is the
;; accessor's own: the call it makes reports it, with the accessor's frame in
;; the backtrace, as in the VM.
(define-record-type cell (make-cell value next) cell? (value cell-value) (next cell-next))
(define (first-value x) (+ 1 (cell-value x)))
(do ((i 0 (+ i 1))) ((= i 300)) (first-value (make-cell 1 #f)))
(first-value 'oops)

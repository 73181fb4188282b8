;; An error inside a contified loop: the message and the location are the
;; loop's; the frame is the enclosing function's (the loop has none).
(define (first-elements l)
  (let loop ((l l) (acc '()))
    (if (null? l)
        (reverse acc)
        (loop (cdr l) (cons (vector-ref (car l) 0) acc)))))
(display (first-elements (list (vector 1) (vector 2))))
(newline)
(define (outer l) (list (first-elements l)))
(outer (list (vector 1) 'oops (vector 3)))

;; State shared by every importer: importing binds the same cell.
(define-library (demo counter)
  (import (scheme base) (scheme write))
  (export count! current)
  (begin
    (define n 0)
    (define (count!) (set! n (+ n 1)) n)
    (define (current) n)
    (display "(demo counter) body runs once") (newline)))

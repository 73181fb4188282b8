;; + - < <= > >= = even? odd? reached as values (through apply, fold, a
;; variable) take a two-fixnum shortcut in their primitives; at the edges
;; of the fixnum range and with other numbers they must give the general
;; results and errors.
(import (scheme base) (scheme write))

(define big (expt 2 62))       ; one past the largest fixnum
(define top (- big 1))
(define bottom (- big))
(define ops (list + - < <= > >= =))
(define names '(+ - < <= > >= =))

(define (try op . args)
  (guard (e ((error-object? e) (list 'error (error-object-message e))))
    (apply op args)))

(for-each
 (lambda (op name)
   (write (list name
                (try op 3 4) (try op top 1) (try op bottom 1) (try op -1 top)
                (try op top top) (try op 1.5 2) (try op 2 big) (try op 1 'x)))
   (newline))
 ops names)
(define (fold f acc l) (if (null? l) acc (fold f (f (car l) acc) (cdr l))))
(write (fold + 0 (list top top top)))
(newline)
(write (map (lambda (p) (list (p 6) (p -3) (p big) (p (+ big 1)) (try p 1.5))) (list even? odd?)))
(newline)

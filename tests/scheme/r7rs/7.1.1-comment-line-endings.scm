;; R7RS 7.1.1: a ; comment runs up to a line ending, and a line ending is a
;; newline, a return followed by a newline, or a return alone. Kiln's reader
;; used to run such a comment on past a lone return, swallowing the next line
;; (found by Larceny's R7RS read tests).
(define (read-all str)
  (let loop ((p (open-input-string str)) (xs '()))
    (let ((x (read p)))
      (if (eof-object? x) (reverse xs) (loop p (cons x xs))))))

(write (read-all "yes; this is a comment \nbut;\r\n this is;too\rnot")) (newline)
(write (read-all "a ;one\rb ;two\r\nc ;three\nd")) (newline)
(write (read-all "(1 ; inside a list\r2)")) (newline)
(write (read-all "; only a comment\r")) (newline)
;; One datum at a time from the same port: the comment ends at the return.
(let ((p (open-input-string "first ; comment\rsecond")))
  (write (list (read p) (read p) (eof-object? (read p)))))
(newline)

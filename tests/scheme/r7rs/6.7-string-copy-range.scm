; string-copy! into a destination too small is an error.
(define d (make-string 2 #\-))
(string-copy! d 1 "abc")

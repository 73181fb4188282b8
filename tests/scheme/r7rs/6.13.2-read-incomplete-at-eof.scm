;; `read` from a port at the end of its input: whitespace and complete
;; comments are the end of file; an unterminated #| comment, a #; with no
;; datum after it, and an incomplete datum are read errors (as they are
;; when a source file ends that way).
(define (try text)
  (write (guard (e ((read-error? e) 'read-error))
           (read (open-input-string text))))
  (newline))
(try "#| abc")
(try "#| #| nested |# still open")
(try "#;")
(try "#;   ")
(try "(1 2")
(try "\"abc")
(try "")
(try "   ")
(try "; a line comment")
(try "#| a |#")
(try "#| a |# 7")
(try "#;1 2")
(try "#;1")
;; What follows the datum stays in the port.
(define p (open-input-string "#| c |# x #| unterminated"))
(write (read p)) (newline)
(write (guard (e ((read-error? e) 'read-error)) (read p))) (newline)

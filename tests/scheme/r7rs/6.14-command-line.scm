; R7RS 6.14: command-line gives the program name and its arguments
; (arguments come from 6.14-command-line.args).
(define (t . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define cl (command-line))
(t (list? cl) (length cl) (string? (car cl)))
(t (cdr cl))
(t (let ((name (car cl))) (string=? "6.14-command-line.scm" (substring name (- (string-length name) 21) (string-length name)))))

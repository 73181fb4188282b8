;; cond-expand in programs (top level, expression, body) and in libraries,
;; with and/or/not/library requirements and else.
(import (scheme base) (scheme write) (demo platform))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

(cond-expand
  (kiln (define implementation 'kiln))
  (else (define implementation 'unknown)))
(show implementation)

(show (cond-expand ((or no-such-feature full-unicode) 'unicode) (else 'bytes)))
(show (cond-expand ((and r7rs exact-closed ratios) 'tower)))
(show (cond-expand ((not r7rs) 'old) (else 'new)))
(show (cond-expand ((library (scheme base)) 'has-base) (else 'no-base)))
(show (cond-expand ((library (no such library)) 'found) (else 'not-found)))
(define (f)
  (cond-expand
    (posix (define where 'posix))
    (else (define where 'elsewhere)))
  where)
(show (f))
(show word (shape-area) has-ratios?)
(show (memq 'r7rs (features)) (and (memq 'kiln (features)) #t))

; eval with something that is no environment, and load with something that
; is no file name: the error names eval or load, not an internal helper.
(import (scheme base) (scheme write) (scheme eval) (scheme load))
(write (guard (e ((error-object? e) (error-object-message e))) (load 'nowhere)))
(newline)
(eval '(+ 1 2) '(scheme base))

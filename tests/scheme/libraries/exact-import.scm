;; A program that starts with import sees only what it imports: `display`
;; is in (scheme write), which is not imported.
(import (scheme base))
(write-string "base is here\n")
(display "not imported")

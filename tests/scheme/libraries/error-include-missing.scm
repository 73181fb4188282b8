;; include of a file that does not exist.
(import (scheme base))
(include "no-such-file.incl")

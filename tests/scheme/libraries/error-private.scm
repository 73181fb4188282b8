;; A library's unexported definitions are not visible to importers.
(import (scheme base) (scheme write) (demo shapes))
(display (area 2)) (newline)
(display (helper 2))

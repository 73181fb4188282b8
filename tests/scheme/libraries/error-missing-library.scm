;; A missing library: its name, where it was looked for, and the import location.
(import (scheme base)
        (no such library))
(display "not reached")

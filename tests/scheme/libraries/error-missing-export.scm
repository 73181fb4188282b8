;; Importing a name the library does not export.
(import (scheme base) (only (demo shapes) area helper))
(area 1)

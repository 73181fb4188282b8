;; Libraries found through KILN_LIBRARY_PATH (see search-env.env).
(import (scheme base) (scheme write) (demo which) (more thing))
(write (list which thing))
(newline)

;; -I directories are searched before -A directories (search-order.flags).
(import (scheme base) (scheme write) (demo which) (more thing))
(write (list which thing))
(newline)

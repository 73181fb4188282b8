;; Two libraries that import each other.
(import (scheme base) (errs cycle-a))

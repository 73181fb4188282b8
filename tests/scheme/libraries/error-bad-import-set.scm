;; A malformed import set.
(import (scheme base) (prefix (scheme base)))

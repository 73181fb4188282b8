;; rename of a name that is not in the import set.
(import (scheme base) (rename (prefix (demo shapes) s:) (area s-area)))

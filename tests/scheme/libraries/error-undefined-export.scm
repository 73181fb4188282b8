;; A library that exports a name it never defines.
(import (errs undefined-export))

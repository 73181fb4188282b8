;; The file on the path defines a different library.
(import (errs wrong-name))

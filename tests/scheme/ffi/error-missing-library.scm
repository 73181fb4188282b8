(import (scheme base) (scheme write) (kiln ffi))
(display "before") (newline)
(load-shared-object "libkiln-no-such-library.so")

(import (scheme base) (kiln ffi))
(pointer-ref-int32 null-pointer 0)

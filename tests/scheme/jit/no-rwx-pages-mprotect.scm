; W^X with the fallback code memory (KILN_JIT_CODE_MEMORY=protect, used
; where dual mapping is unavailable): code pages are read+execute and are
; made read+write, never both, only while code is copied in.
(include "no-rwx-pages.scm")

; no-gc-stress: walks a million-element stream
; 4.2.5-stream-space.scm with every function tiering up after its first
; call (KILN_JIT_THRESHOLD=1 in the .env) and the heap capped at 32 MiB.
; `head` then runs on the VM while the whole walk runs under it, and its
; frame sits where `stream-filter`'s frame sat just before: a register of
; head's that it writes only after the walk once held stream-filter's first
; thunk, keeping the stream alive from its first element. VM frames now
; clear their registers when they start (docs/architecture.md, "Safe for
; space").
(include "4.2.5-stream-space.scm")

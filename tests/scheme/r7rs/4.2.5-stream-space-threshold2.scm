; no-gc-stress: walks a million-element stream
; 4.2.5-stream-space.scm with every function tiering up after 2 calls
; (KILN_JIT_THRESHOLD=2 in the .env) and the heap capped at 32 MiB. Here
; the machine code that runs the whole walk is entered from the
; interpreter early, and the entry stub's frame on the C stack stays live
; throughout: an uncleared word in it once held a filter thunk of the first
; elements, keeping the stream alive from there.
(include "4.2.5-stream-space.scm")

;; watched-globals.inc with code memory written by flipping page
;; protections (.env) instead of through a second mapping: invalidation
;; patches sites that way too (jit/code_memory.cpp, patch_jump).
(include "watched-globals.inc")

;; watched-globals.inc with every function tiering up at its first call
;; (.env), so that callers are compiled while callees are being redefined.
(include "watched-globals.inc")

;; See watched-globals.inc.
(include "watched-globals.inc")

;; An environment holds only what it imports: display is not in (scheme base).
(import (scheme base) (scheme eval))
(eval '(display "no") (environment '(scheme base)))

; The SRFI 1 procedures check their procedure argument and name themselves.
(display (filter odd? '(1 2 3))) (newline)
(filter '(1 2 3) odd?)

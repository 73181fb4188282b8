;; An exact literal too large to build (10^400000000 would take gigabytes)
;; is a read error at the literal, like any other bad number syntax: exit
;; status 65 and file:line:col, not a runtime error from string->number.
(display "before")
(newline)
(display #e1e400000000)

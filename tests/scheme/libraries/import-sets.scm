;; Every import-set form, export rename, and libraries importing libraries.
(import (scheme base) (scheme write)
        (only (demo shapes) area unit)
        (prefix (except (demo shapes) area unit) sq-)
        (rename (only (demo shapes) perimeter side-of-square)
                (perimeter around) (side-of-square side))
        (rename (prefix (only (demo counter) current) counter-) (counter-current how-many))
        (demo uses))

(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

(show (area 3) unit)                      ; only
(show (sq-perimeter 3) (sq-side-of-square 17))  ; prefix of except
(show (around 5) (side 26))               ; rename of only
(show (sq-when-so #t 'yes 'no))           ; exported syntax, prefixed
(show (describe 2) (describe 3))          ; (demo uses) uses (demo counter)
(show (how-many))                         ; the same counter cell
;; Redefining an imported name makes a program variable; the library keeps its own.
(define (area x) 'mine)
(show (area 1) (describe 1))

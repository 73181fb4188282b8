; R7RS 6.4 and (scheme cxr): every composition of car and cdr up to four
; deep. `tree` is a full binary tree of pairs four levels deep whose leaves
; name their own path from the root: the leaf (caaadr tree) reaches is daaa
; (the letters of c_r are applied right to left: cdr first, then car).
(import (scheme base) (scheme cxr) (scheme write))
(define (build path depth)
  (if (= depth 0)
      (string->symbol (list->string (reverse path)))
      (cons (build (cons #\a path) (- depth 1))
            (build (cons #\d path) (- depth 1)))))
(define tree (build '() 4))
(define (t name proc) (write (list name (proc tree))) (newline))
(t 'caar caar) (t 'cadr cadr) (t 'cdar cdar) (t 'cddr cddr)
(t 'caaar caaar) (t 'caadr caadr) (t 'cadar cadar) (t 'caddr caddr)
(t 'cdaar cdaar) (t 'cdadr cdadr) (t 'cddar cddar) (t 'cdddr cdddr)
(t 'caaaar caaaar) (t 'caaadr caaadr) (t 'caadar caadar) (t 'caaddr caaddr)
(t 'cadaar cadaar) (t 'cadadr cadadr) (t 'caddar caddar) (t 'cadddr cadddr)
(t 'cdaaar cdaaar) (t 'cdaadr cdaadr) (t 'cdadar cdadar) (t 'cdaddr cdaddr)
(t 'cddaar cddaar) (t 'cddadr cddadr) (t 'cdddar cdddar) (t 'cddddr cddddr)
; On lists, as the report defines them: (caddr x) = (car (cdr (cdr x))).
(define l '(1 (2 (3 4) 5) ((6 7)) 8 9))
(write (list (caddr l) (cadadr l) (caaddr l) (cdaddr l) (cadddr l) (cddddr l)
             (caaadr '(0 ((x)))) (cdadar '((0 (1 . 2)))) (cddadr '(0 (1 2 3)))
             (caddar '((1 2 3))) (cdaaar '((((1 . 2))))) (cdaadr '(0 ((1 . 2))))
             (cddaar '(((1 2 3)))) (cdddar '((1 2 3 4))) (cadaar '(((1 2))))
             (caadar '((0 (1))))))
(newline)

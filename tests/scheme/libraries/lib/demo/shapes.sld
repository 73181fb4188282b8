;; A library with a private helper, an exported variable, a renamed export
;; and exported syntax (a core form re-exported under another name).
(define-library (demo shapes)
  (import (scheme base))
  (export area perimeter unit
          (rename square-side side-of-square)
          (rename if when-so))
  (begin
    (define (helper x) (* x x))          ; not exported
    (define unit 1)
    (define (area side) (helper side))
    (define (perimeter side) (* 4 side))
    (define (square-side a) (exact-integer-sqrt-floor a))
    (define (exact-integer-sqrt-floor a)
      (let-values (((s r) (exact-integer-sqrt a))) s))))

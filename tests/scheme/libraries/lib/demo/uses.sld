;; A library importing another library with import sets.
(define-library (demo uses)
  (import (scheme base)
          (prefix (only (demo shapes) area perimeter) shapes:)
          (demo counter))
  (export describe)
  (begin
    (define (describe side)
      (count!)
      (list 'area (shapes:area side) 'perimeter (shapes:perimeter side)))))

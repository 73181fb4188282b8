; no-gc-stress: builds lists of 1,300,000 pairs 110 times
;; Safe for space at an inline record predicate fused into its branch: `b`
;; dies at `(box? b)`, so its slot is cleared there, as the VM's call of the
;; predicate cleared it, and the 1.5M-element vector is garbage while
;; use-big runs. The .env caps the heap at 32 MiB (and lets it fill before
;; growing, so that a run that fits gives no warning): the vector (12 MB) and
;; a 1,300,000-pair list (20.8 MB) do not fit together.
(define-record-type box (mk v) box? (v box-v))
(define (build n acc) (if (= n 0) acc (build (- n 1) (cons n acc))))
(define (use-big) (length (build 1300000 '())))
(define (f1 n) (let ((b (mk (make-vector n 0)))) (if (box? b) (+ 1 (use-big)) 0)))
(define (loop f i) (if (< i 110) (begin (f 1) (loop f (+ i 1)))))
(loop f1 0)
(display (f1 1500000)) (newline)

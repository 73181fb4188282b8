;; Under KILN_GC_NO_SPARE every object ends exactly where the next one
;; starts, so code that kept only a pointer just past a live object's end
;; (which the collector's spare byte hides) would lose the object at a
;; collection; KILN_GC_STRESS makes collections frequent. This exercises
;; the paths that walk the slots of an object while allocating: re-entered
;; continuations (their saved frames), rest lists, apply, and vector and
;; string conversions.

;; Same-fringe with generators built on re-entered continuations.
(define (make-tree depth seed)
  (if (= depth 0)
      (modulo seed 1000)
      (cons (make-tree (- depth 1) (modulo (* seed 48271) 2147483647))
            (make-tree (- depth 1) (modulo (+ (* seed 16807) 1) 2147483647)))))

(define (tree-generator tree)
  (define return #f)
  (define resume
    (lambda (ignored)
      (let walk ((t tree))
        (if (pair? t)
            (begin (walk (car t)) (walk (cdr t)))
            (call-with-current-continuation
             (lambda (k)
               (set! resume k)
               (return t)))))
      (return 'done)))
  (lambda ()
    (call-with-current-continuation
     (lambda (r)
       (set! return r)
       (resume #f)))))

(define (fringe-sum tree1 tree2)
  (let ((g1 (tree-generator tree1)) (g2 (tree-generator tree2)))
    (let loop ((sum 0) (same 0))
      (let ((a (g1)) (b (g2)))
        (if (or (eq? a 'done) (eq? b 'done))
            (list sum same)
            (loop (+ sum a b) (if (= a b) (+ same 1) same)))))))

(display (fringe-sum (make-tree 6 1) (make-tree 6 1)))
(newline)

;; Objects of every small size, each a vector whose last slot is the only
;; reference to a fresh list, walked back while allocating.
(define (vectors n)
  (let loop ((k 1) (acc '()))
    (if (> k n)
        acc
        (let ((v (make-vector k 0)))
          (vector-set! v (- k 1) (list k (* k k)))
          (loop (+ k 1) (cons v acc))))))
(define vs (vectors 40))
(display (apply + (map (lambda (v) (cadr (vector-ref v (- (vector-length v) 1)))) vs)))
(newline)
(display (apply + (map (lambda (v) (length (vector->list v))) vs)))
(newline)

;; Rest lists and apply over many arguments.
(define (count . xs) (length xs))
(display (apply count (vector->list (make-vector 100 'x))))
(newline)
(display (list->string (reverse (string->list (make-string 37 #\a)))))
(newline)
(display (vector->list (list->vector (iota 17))))
(newline)

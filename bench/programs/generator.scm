;;; generator: tree-walking generators built on call/cc (re-entered
;;; continuations), compared leaf by leaf (same-fringe).
;;; quick: 6 2 => (72146 64)
;;; default: 16 60 => (65419100 65536)
(define (make-tree depth seed)
  (if (= depth 0)
      (modulo seed 1000)
      (cons (make-tree (- depth 1) (modulo (* seed 48271) 2147483647))
            (make-tree (- depth 1) (modulo (+ (* seed 16807) 1) 2147483647)))))

;; A generator returns the next leaf on each call, then 'done.
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

(define (run depth reps)
  (let ((t1 (make-tree depth 1)) (t2 (make-tree depth 1)))
    (let loop ((r 0) (result #f))
      (if (= r reps) result (loop (+ r 1) (fringe-sum t1 t2))))))

(bench-result (run (bench-arg 0 16) (bench-arg 1 60)))

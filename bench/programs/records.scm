;;; records: R7RS define-record-type in hot code; constructors, predicates,
;;; accessors and modifiers on a binary search tree and a mutable point.
;;; quick: 200 3 => 62740
;;; default: 20000 100 => 19990132916
(define-record-type node
  (make-node key left right)
  node?
  (key node-key)
  (left node-left set-node-left!)
  (right node-right set-node-right!))

(define-record-type point
  (make-point x y)
  point?
  (x point-x set-point-x!)
  (y point-y set-point-y!))

(define (tree-insert! root k)
  (let loop ((t root))
    (if (< k (node-key t))
        (if (node? (node-left t))
            (loop (node-left t))
            (set-node-left! t (make-node k #f #f)))
        (if (node? (node-right t))
            (loop (node-right t))
            (set-node-right! t (make-node k #f #f))))))

(define (tree-sum t)
  (if (node? t)
      (+ (node-key t) (tree-sum (node-left t)) (tree-sum (node-right t)))
      0))

;; A point walked around a square by unit steps; returns its final x + y.
(define (walk p steps)
  (let loop ((i 0))
    (if (= i steps)
        (+ (point-x p) (point-y p))
        (begin
          (case (remainder (quotient i 7) 4)
            ((0) (set-point-x! p (+ (point-x p) 1)))
            ((1) (set-point-y! p (+ (point-y p) 1)))
            ((2) (set-point-x! p (- (point-x p) 1)))
            (else (set-point-y! p (- (point-y p) 1))))
          (loop (+ i 1))))))

(define (run n reps)
  (let loop ((r 0) (total 0))
    (if (= r reps)
        total
        (let ((root (make-node (quotient n 2) #f #f)))
          (let fill ((i 0) (s (+ r 1)))
            (if (< i n)
                (let ((s (modulo (* s 48271) 2147483647)))
                  (tree-insert! root (modulo s n))
                  (fill (+ i 1) s))))
          (loop (+ r 1)
                (+ total (tree-sum root) (walk (make-point r 0) (* 10 n))))))))

(bench-result (run (bench-arg 0 20000) (bench-arg 1 100)))

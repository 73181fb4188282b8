;;; maze: carve a random maze on an n x n grid vector (iterative DFS with
;;; an explicit stack), then solve it with BFS; vectors and fixnum math.
;;; quick: 20 2 => 356
;;; default: 300 100 => 1620792
;; Grid cells: bit 1 = open east, bit 2 = open south.
(define (make-maze n seed)
  (let ((walls (make-vector (* n n) 0))
        (seen (make-vector (* n n) #f)))
    (vector-set! seen 0 #t)
    (let loop ((stack (list 0)) (s seed))
      (if (null? stack)
          walls
          (let* ((c (car stack)) (x (remainder c n)) (y (quotient c n))
                 (cands
                  (let* ((l '())
                         (l (if (and (> x 0) (not (vector-ref seen (- c 1)))) (cons (- c 1) l) l))
                         (l (if (and (< x (- n 1)) (not (vector-ref seen (+ c 1)))) (cons (+ c 1) l) l))
                         (l (if (and (> y 0) (not (vector-ref seen (- c n)))) (cons (- c n) l) l))
                         (l (if (and (< y (- n 1)) (not (vector-ref seen (+ c n)))) (cons (+ c n) l) l)))
                    l)))
            (if (null? cands)
                (loop (cdr stack) s)
                (let* ((s (modulo (* s 48271) 2147483647))
                       (d (list-ref cands (modulo s (length cands)))))
                  (vector-set! seen d #t)
                  (cond ((= d (+ c 1)) (vector-set! walls c (+ (vector-ref walls c) 1)))
                        ((= d (- c 1)) (vector-set! walls d (+ (vector-ref walls d) 1)))
                        ((= d (+ c n)) (vector-set! walls c (+ (vector-ref walls c) 2)))
                        (else (vector-set! walls d (+ (vector-ref walls d) 2))))
                  (loop (cons d stack) s))))))))

(define (open-east? walls c) (odd? (vector-ref walls c)))
(define (open-south? walls c) (>= (vector-ref walls c) 2))

;; Shortest path length from the top-left to the bottom-right cell.
(define (solve walls n)
  (let ((dist (make-vector (* n n) -1))
        (queue (make-vector (* n n) 0))
        (goal (- (* n n) 1)))
    (vector-set! dist 0 0)
    (let loop ((head 0) (tail 1))
      (if (= head tail)
          (vector-ref dist goal)
          (let* ((c (vector-ref queue head)) (dc (+ (vector-ref dist c) 1))
                 (tail (let visit ((d (list (and (open-east? walls c) (+ c 1))
                                              (and (open-south? walls c) (+ c n))
                                              (and (> (remainder c n) 0) (open-east? walls (- c 1)) (- c 1))
                                              (and (>= c n) (open-south? walls (- c n)) (- c n))))
                                   (tail tail))
                         (cond ((null? d) tail)
                               ((and (car d) (< (vector-ref dist (car d)) 0))
                                (vector-set! dist (car d) dc)
                                (vector-set! queue tail (car d))
                                (visit (cdr d) (+ tail 1)))
                               (else (visit (cdr d) tail))))))
            (loop (+ head 1) tail))))))

(define (run n reps)
  (let loop ((r 0) (total 0))
    (if (= r reps)
        total
        (loop (+ r 1) (+ total (solve (make-maze n (+ r 1)) n))))))

(bench-result (run (bench-arg 0 300) (bench-arg 1 100)))

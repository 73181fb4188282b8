;;; destruc: destructive list operations: in-place merge sort with
;;; set-cdr!, in-place reverse, and splicing, over pseudo-random lists.
;;; quick: 1000 2 => 406917734
;;; default: 100000 20 => 705261696
(define (random-list n seed)
  (let loop ((i 0) (s seed) (l '()))
    (if (= i n)
        l
        (let ((s (modulo (* s 48271) 2147483647)))
          (loop (+ i 1) s (cons (modulo s 100000) l))))))

;; Merge two sorted lists by relinking their pairs.
(define (list-merge! a b)
  (cond ((null? a) b)
        ((null? b) a)
        ((<= (car a) (car b)) (list-merge-into! a (cdr a) b) a)
        (else (list-merge-into! b a (cdr b)) b)))
(define (list-merge-into! tail a b)
  (cond ((null? a) (set-cdr! tail b))
        ((null? b) (set-cdr! tail a))
        ((<= (car a) (car b)) (set-cdr! tail a) (list-merge-into! a (cdr a) b))
        (else (set-cdr! tail b) (list-merge-into! b a (cdr b)))))

(define (list-sort! l n)
  (if (<= n 1)
      (begin (if (pair? l) (set-cdr! l '())) l)
      (let* ((half (quotient n 2))
             (rest (list-tail l half)))
        (list-merge! (list-sort! l half) (list-sort! rest (- n half))))))

(define (list-reverse! l)
  (let loop ((l l) (acc '()))
    (if (null? l) acc
        (let ((next (cdr l))) (set-cdr! l acc) (loop next l)))))

(define (sorted? l)
  (or (null? l) (null? (cdr l))
      (and (<= (car l) (cadr l)) (sorted? (cdr l)))))

(define (checksum l)
  (let loop ((l l) (i 1) (sum 0))
    (if (null? l) sum
        (loop (cdr l) (+ i 1) (modulo (+ sum (* i (car l))) 1000000007)))))

(define (run n reps)
  (let loop ((r 0) (sum 0))
    (if (= r reps)
        sum
        (let* ((l (list-sort! (random-list n (+ r 1)) n))
               (ok (sorted? l))
               (l (list-reverse! l)))
          (if (not ok)
              'sort-failed
              (loop (+ r 1) (modulo (+ sum (checksum l)) 1000000007)))))))

(bench-result (run (bench-arg 0 100000) (bench-arg 1 20)))

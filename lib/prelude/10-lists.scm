;; Kiln prelude: the SRFI 1 list procedures people reach for most, in the
;; prelude because most take procedure arguments. Argument orders follow
;; SRFI 1 (fold's kons is called (kons element accumulator)); fold-left is
;; the R6RS one, called (combine accumulator element).
;;
;; Every loop here is iterative, so long lists need no deep stack.

(define (%check-proc who f)
  (if (not (procedure? f)) (error (string-append who ": expected procedure") f)))

(define (%check-list who l)
  (if (not (list? l)) (error (string-append who ": expected proper list") l)))

;; --- constructors and selectors ---------------------------------------------

(define (iota count . opt)
  (if (not (and (exact-integer? count) (>= count 0)))
      (error "iota: expected non-negative exact integer" count))
  (let ((start (if (pair? opt) (car opt) 0))
        (step (if (and (pair? opt) (pair? (cdr opt))) (cadr opt) 1)))
    (let loop ((i (- count 1)) (acc '()))
      (if (< i 0)
          acc
          (loop (- i 1) (cons (+ start (* i step)) acc))))))

(define (list-tabulate n f)
  (%check-proc "list-tabulate" f)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0) acc (loop (- i 1) (cons (f i) acc)))))

(define (first l) (car l))
(define (second l) (cadr l))
(define (third l) (caddr l))
(define (fourth l) (cadddr l))
(define (fifth l) (car (cddddr l)))

(define (last l)
  (if (not (pair? l)) (error "last: expected non-empty list" l))
  (car (last-pair l)))

(define (take l k)
  (let loop ((l l) (k k) (acc '()))
    (if (= k 0)
        (reverse acc)
        (if (pair? l)
            (loop (cdr l) (- k 1) (cons (car l) acc))
            (error "take: list too short" k)))))

(define (drop l k) (list-tail l k))

(define (take-while pred l)
  (let loop ((l l) (acc '()))
    (if (and (pair? l) (pred (car l)))
        (loop (cdr l) (cons (car l) acc))
        (reverse acc))))

(define (drop-while pred l)
  (let loop ((l l))
    (if (and (pair? l) (pred (car l))) (loop (cdr l)) l)))

(define (span pred l) (values (take-while pred l) (drop-while pred l)))
(define (break pred l) (span (lambda (x) (not (pred x))) l))

(define (append-reverse rev-head tail)
  (if (pair? rev-head) (append-reverse (cdr rev-head) (cons (car rev-head) tail)) tail))

(define (concatenate lists) (apply append lists))

;; --- folds ------------------------------------------------------------------

(define (fold kons knil l . ls)
  (%check-proc "fold" kons)
  (if (null? ls)
      (let loop ((l l) (acc knil))
        (if (pair? l) (loop (cdr l) (kons (car l) acc)) acc))
      (let loop ((ls (cons l ls)) (acc knil))
        (if (%all-pairs? ls)
            (loop (%cdrs ls) (apply kons (append (%cars ls) (list acc))))
            acc))))

(define (fold-left combine nil l . ls)
  (%check-proc "fold-left" combine)
  (if (null? ls)
      (let loop ((l l) (acc nil))
        (if (pair? l) (loop (cdr l) (combine acc (car l))) acc))
      (let loop ((ls (cons l ls)) (acc nil))
        (if (%all-pairs? ls)
            (loop (%cdrs ls) (apply combine acc (%cars ls)))
            acc))))

;; Folds from the right by folding the reversed list(s), so it is iterative.
(define (fold-right kons knil l . ls)
  (%check-proc "fold-right" kons)
  (if (null? ls)
      (let loop ((l (reverse l)) (acc knil))
        (if (pair? l) (loop (cdr l) (kons (car l) acc)) acc))
      (let* ((ls (cons l ls))
             (n (apply min (map length ls)))
             (rows (reverse (apply map list (map (lambda (l) (take l n)) ls)))))
        (let loop ((rows rows) (acc knil))
          (if (pair? rows)
              (loop (cdr rows) (apply kons (append (car rows) (list acc))))
              acc)))))

(define (reduce f ridentity l)
  (%check-proc "reduce" f)
  (if (null? l) ridentity (fold f (car l) (cdr l))))

(define (reduce-right f ridentity l)
  (%check-proc "reduce-right" f)
  (if (null? l)
      ridentity
      (let ((r (reverse l)))
        (fold (lambda (x acc) (f x acc)) (car r) (cdr r)))))

;; --- filtering and searching --------------------------------------------------

(define (filter pred l)
  (%check-proc "filter" pred)
  (let loop ((l l) (acc '()))
    (cond ((not (pair? l)) (reverse acc))
          ((pred (car l)) (loop (cdr l) (cons (car l) acc)))
          (else (loop (cdr l) acc)))))

(define (remove pred l)
  (%check-proc "remove" pred)
  (filter (lambda (x) (not (pred x))) l))

(define (partition pred l)
  (%check-proc "partition" pred)
  (let loop ((l l) (in '()) (out '()))
    (cond ((not (pair? l)) (values (reverse in) (reverse out)))
          ((pred (car l)) (loop (cdr l) (cons (car l) in) out))
          (else (loop (cdr l) in (cons (car l) out))))))

(define (delete x l . maybe=)
  (let ((same? (if (pair? maybe=) (car maybe=) equal?)))
    (filter (lambda (y) (not (same? x y))) l)))

(define delete! delete)
(define filter! filter)
(define remove! remove)

;; Keeps the first occurrence of each element; quadratic, as in SRFI 1's
;; reference implementation (the equality need not have a hash function).
(define (delete-duplicates l . maybe=)
  (let ((same? (if (pair? maybe=) (car maybe=) equal?)))
    (let loop ((l l) (acc '()))
      (cond ((not (pair? l)) (reverse acc))
            ((let seen ((a acc)) (and (pair? a) (or (same? (car a) (car l)) (seen (cdr a)))))
             (loop (cdr l) acc))
            (else (loop (cdr l) (cons (car l) acc)))))))

(define (find-tail pred l)
  (%check-proc "find-tail" pred)
  (let loop ((l l))
    (cond ((not (pair? l)) #f)
          ((pred (car l)) l)
          (else (loop (cdr l))))))

(define (find pred l)
  (let ((tail (find-tail pred l)))
    (and tail (car tail))))

(define (any pred l . ls)
  (%check-proc "any" pred)
  (if (null? ls)
      (let loop ((l l))
        (and (pair? l)
             (if (pair? (cdr l))
                 (or (pred (car l)) (loop (cdr l)))
                 (pred (car l)))))              ; the last call is a tail call
      (let loop ((ls (cons l ls)))
        (and (%all-pairs? ls)
             (or (apply pred (%cars ls)) (loop (%cdrs ls)))))))

(define (every pred l . ls)
  (%check-proc "every" pred)
  (if (null? ls)
      (or (null? l)
          (let loop ((l l))
            (if (pair? (cdr l))
                (and (pred (car l)) (loop (cdr l)))
                (pred (car l)))))
      (let loop ((ls (cons l ls)) (last #t))
        (if (%all-pairs? ls)
            (let ((r (apply pred (%cars ls))))
              (and r (loop (%cdrs ls) r)))
            last))))

(define (list-index pred l . ls)
  (%check-proc "list-index" pred)
  (let loop ((ls (cons l ls)) (i 0))
    (cond ((not (%all-pairs? ls)) #f)
          ((apply pred (%cars ls)) i)
          (else (loop (%cdrs ls) (+ i 1))))))

(define (count pred l . ls)
  (%check-proc "count" pred)
  (let loop ((ls (cons l ls)) (n 0))
    (if (%all-pairs? ls)
        (loop (%cdrs ls) (if (apply pred (%cars ls)) (+ n 1) n))
        n)))

;; --- mapping ------------------------------------------------------------------

(define (append-map f l . ls)
  (apply append (apply map f l ls)))

(define (filter-map f l . ls)
  (filter (lambda (x) x) (apply map f l ls)))

;; --- association lists ---------------------------------------------------------

(define (alist-copy alist)
  (map (lambda (entry) (if (pair? entry) (cons (car entry) (cdr entry)) entry)) alist))

(define (alist-delete key alist . maybe=)
  (let ((same? (if (pair? maybe=) (car maybe=) equal?)))
    (filter (lambda (entry) (not (same? key (car entry)))) alist)))

;; Kiln prelude: builtin procedures written in Scheme.
;;
;; Evaluated into the builtin environment at startup, after the C++
;; primitives are registered. Procedures here take procedure arguments (the
;; C++ primitives never call back into Scheme) or are simply clearer in
;; Scheme. Names starting with % are internal.

(define (call-with-values producer consumer)
  (apply consumer (%values->list (producer))))

(define (%map1 f l)
  ;; No pair of a list map has returned may ever change (R7RS 6.10: f may
  ;; return more than once, through a continuation), whatever the caller
  ;; has since done to that list. So the results are gathered in reverse in
  ;; pairs no one else sees, and the list returned is a fresh copy of them.
  (let loop ((l l) (acc '()))
    (if (pair? l)
        (loop (cdr l) (cons (f (car l)) acc))
        ;; (reversed here rather than by the primitive: map's lists are
        ;; mostly short, and machine code conses inline)
        (let reverse ((acc acc) (result '()))
          (if (pair? acc)
              (reverse (cdr acc) (cons (car acc) result))
              result)))))

(define (%cars ls)
  (if (null? ls) '() (cons (car (car ls)) (%cars (cdr ls)))))
(define (%cdrs ls)
  (if (null? ls) '() (cons (cdr (car ls)) (%cdrs (cdr ls)))))
(define (%all-pairs? ls)
  (or (null? ls) (and (pair? (car ls)) (%all-pairs? (cdr ls)))))

(define (map f l . ls)
  (if (null? ls)
      (%map1 f l)
      (let loop ((ls (cons l ls)) (acc '()))
        (if (%all-pairs? ls)
            (loop (%cdrs ls) (cons (apply f (%cars ls)) acc))
            (reverse acc)))))

(define (for-each f l . ls)
  (if (null? ls)
      (let loop ((l l))
        (if (pair? l)
            (begin (f (car l)) (loop (cdr l)))))
      (let loop ((ls (cons l ls)))
        (if (%all-pairs? ls)
            (begin (apply f (%cars ls)) (loop (%cdrs ls))))))
  (if #f #f))

(define member
  (let ((member2 member))
    (lambda (x l . compare)
      (if (null? compare)
          (member2 x l)
          (let ((same? (car compare)))
            (let loop ((l l))
              (cond ((not (pair? l)) #f)
                    ((same? x (car l)) l)
                    (else (loop (cdr l))))))))))

(define assoc
  (let ((assoc2 assoc))
    (lambda (x l . compare)
      (if (null? compare)
          (assoc2 x l)
          (let ((same? (car compare)))
            (let loop ((l l))
              (cond ((not (pair? l)) #f)
                    ((same? x (car (car l))) (car l))
                    (else (loop (cdr l))))))))))

(define (vector-map f v . vs)
  (list->vector (apply map f (vector->list v) (map vector->list vs))))

(define (vector-for-each f v . vs)
  (apply for-each f (vector->list v) (map vector->list vs)))

(define (string-map f s . ss)
  (list->string (apply map f (string->list s) (map string->list ss))))

(define (string-for-each f s . ss)
  (apply for-each f (string->list s) (map string->list ss)))

;; Stable merge sort (SRFI 132 argument order, with the old `sort` order too).
(define (list-sort less? l)
  (define (merge a b)
    (cond ((null? a) b)
          ((null? b) a)
          ((less? (car b) (car a)) (cons (car b) (merge a (cdr b))))
          (else (cons (car a) (merge (cdr a) b)))))
  (define (sort l n)
    (if (<= n 1)
        (if (= n 0) '() (list (car l)))
        (let ((half (quotient n 2)))
          (merge (sort l half) (sort (list-tail l half) (- n half))))))
  (sort l (length l)))

(define (sort seq less?)
  (if (vector? seq)
      (list->vector (list-sort less? (vector->list seq)))
      (list-sort less? seq)))

;; --- promises (R7RS 4.2.5, iterative forcing) ------------------------------
;; A promise holds a shared box (done? . value-or-thunk); delay-force chains
;; share boxes so that forcing a long chain runs in constant space.

(define-record-type promise (%promise box) promise? (box %promise-box %promise-set-box!))

(define (%make-lazy-promise thunk) (%promise (cons #f thunk)))
(define (%make-delayed-promise thunk)
  (%promise (cons #f (lambda () (%promise (cons #t (thunk)))))))
(define (make-promise obj)
  (if (promise? obj) obj (%promise (cons #t obj))))

(define (force p)
  (if (not (promise? p))
      p
      (let loop ()
        (let ((box (%promise-box p)))
          (if (car box)
              (cdr box)
              (let ((next ((cdr box))))
                (let ((box (%promise-box p)))
                  (if (not (car box))
                      (let ((next-box (%promise-box (make-promise next))))
                        (set-car! box (car next-box))
                        (set-cdr! box (cdr next-box))
                        (%promise-set-box! next box))))
                (loop)))))))

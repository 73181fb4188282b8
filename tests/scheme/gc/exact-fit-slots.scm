;; Small objects fill their collector slots exactly (gc.h): a 16-byte
;; one-element vector, a 32-byte closure over two variables and a 32-byte
;; three-element vector each hold, in their LAST word, the only reference to
;; a fresh string. The collector must scan that word. Flonums come from a
;; list whose slots it scans only the header of; their values must survive.
;; KILN_GC_STRESS (the .env) collects every few allocations.

(define (fresh i) (string-append "s" (number->string i)))

(define (make-adder-name a i)          ; closes over a and the fresh string
  (let ((name (fresh i)))
    (lambda () (string-append a name))))

(define (build n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        acc
        (loop (+ i 1)
              (cons (vector (vector (fresh i))
                            (make-adder-name "c" i)
                            (vector 'x 'y (fresh (* 2 i)))
                            (exact->inexact (/ i 4)))
                    acc)))))

(define (churn n)                        ; garbage, so that collections happen
  (let loop ((i 0) (acc 0.0))
    (if (= i n) acc (loop (+ i 1) (+ acc (* 0.5 (exact->inexact i)))))))

(define objects (build 300))
(display (churn 20000)) (newline)

(define (check objects)
  (let loop ((l objects) (i 299) (bad 0))
    (if (null? l)
        bad
        (let ((o (car l)))
          (loop (cdr l) (- i 1)
                (+ bad
                   (if (and (string=? (vector-ref (vector-ref o 0) 0) (fresh i))
                            (string=? ((vector-ref o 1)) (string-append "c" (fresh i)))
                            (string=? (vector-ref (vector-ref o 2) 2) (fresh (* 2 i)))
                            (= (vector-ref o 3) (/ i 4)))
                       0
                       1)))))))
(display (check objects)) (newline)
(display (apply + (map (lambda (o) (vector-ref o 3)) objects))) (newline)

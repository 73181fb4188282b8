;;; pidigits: first n decimal digits of pi with Gibbons' unbounded spigot;
;;; bignum multiply, add and quotient on growing numbers.
;;; quick: 100 => (471 5342117067)
;;; default: 5000 => (22679 7413260472)
(define (pi-digits n)
  ;; state: q r t k; digits are extracted when floor((3q+r)/t) equals
  ;; floor((4q+r)/t)
  (let loop ((q 1) (r 0) (t 1) (k 1) (i 0) (sum 0) (last '()))
    (if (= i n)
        (list sum (list->string (reverse last)))
        (let ((d (quotient (+ (* 3 q) r) t)))
          (if (= d (quotient (+ (* 4 q) r) t))
              (loop (* 10 q) (* 10 (- r (* d t))) t k (+ i 1) (+ sum d)
                    (let ((c (integer->char (+ 48 d))))
                      (if (< (length last) 10) (cons c last) (cons c (reverse (cdr (reverse last)))))))
              (let ((k2 (+ (* 2 k) 1)))
                (loop (* q k) (* (+ (* 2 q) r) k2) (* t k2) (+ k 1) i sum last)))))))

(bench-result (pi-digits (bench-arg 0 5000)))

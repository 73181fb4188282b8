;; Fixnums the program's logic proves (jit/fixnum_facts.h): machine code
;; omits the tag tests and overflow tests those proofs make redundant, and
;; must keep every one they do not cover. The values here sit at the
;; fixnum limits (2^62 - 1 and -2^62), where a test wrongly left out gives
;; a wrong sum instead of a bignum.
(import (scheme base) (scheme write))

(define max-fx 4611686018427387903)   ; 2^62 - 1
(define min-fx -4611686018427387904)  ; -2^62

(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

;; x + 1 under x < n, n a fixnum constant: counts up to the limit exactly.
(define (up-to-max start)
  (let loop ((i start) (steps 0))
    (if (< i 4611686018427387903) (loop (+ i 1) (+ steps 1)) (list i steps))))

;; The same bound one past the limit is a bignum: i + 1 must overflow.
(define (up-past-max start)
  (let loop ((i start))
    (if (< i 4611686018427387904) (loop (+ i 1)) i)))

;; x - 1 under n < x (as (> x n) and as a failed (<= x n)).
(define (down-to-min start)
  (let loop ((i start))
    (if (> i -4611686018427387904) (loop (- i 1)) i)))
(define (down-to-min-not start)
  (let loop ((i start))
    (if (<= i -4611686018427387904) i (loop (- i 1)))))

;; x + k under x <= c, x - k under x >= c, c a constant: exact only while
;; c + k (c - k) is a fixnum. Each is also run from a flonum.
(define (up-by-5 start)
  (let loop ((i start))
    (if (<= i 4611686018427387898) (loop (+ i 5)) i)))
(define (up-by-6 start)
  (let loop ((i start))
    (if (> i 4611686018427387898) i (loop (+ i 6)))))
(define (down-by-5 start)
  (let loop ((i start))
    (if (>= i -4611686018427387899) (loop (- i 5)) i)))
(define (down-by-6 start)
  (let loop ((i start))
    (if (< i -4611686018427387899) i (loop (+ -6 i)))))
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

;; A loop whose first value is no fixnum: the tag tests stay.
(define (count-from x n)
  (let loop ((i x))
    (if (< i n) (loop (+ i 1)) i)))

;; An index a vector access accepted is small; a sum of two is exact.
(define (index-sums v)
  (let loop ((i 0) (acc '()))
    (if (= i (vector-length v))
        (reverse acc)
        (begin
          (vector-ref v i)
          (loop (+ i 1) (cons (+ i (- i 1) (vector-length v)) acc))))))

;; An index checked on one side of a branch only proves nothing after the
;; join.
(define (maybe-indexed v i check?)
  (if check? (vector-ref v 0) (vector-ref v (if (< i 0) 0 0)))
  (when check? (vector-ref v i))
  (+ i 1))

;; Type facts flow from a block's dominator: x checked before the loop is
;; a pair in it; one side of a branch proves nothing after the join.
(define (sum-cars-before x n)
  (car x)
  (let loop ((i 0) (acc 0))
    (if (< i n) (loop (+ i 1) (+ acc (car x) (cadr x))) acc)))
(define (cdr-after-join x c)
  (if c (car x) 0)
  (guard (e (#t (error-object-message e))) (cdr x)))

;; A strided loop over a vector, as a sieve's: j + i with both indices.
(define (strides n)
  (let ((v (make-vector n 0)))
    (let outer ((i 1))
      (when (< i n)
        (vector-ref v i)
        (do ((j i (+ j i))) ((>= j n)) (vector-set! v j (+ (vector-ref v j) 1)))
        (outer (+ i 1))))
    v))

;; Two parameters swapped on the back edge: one of them starts a bignum.
(define (swap-loop a b k)
  (let loop ((a a) (b b) (k k))
    (if (= k 0) (+ a 1) (loop b a (- k 1)))))

;; A flonum passed down a chain of loop parameters, one link per
;; iteration: the fixed point withdraws one claim per pass, more passes
;; than it takes before giving every parameter up.
(define (rotate x)
  (let loop ((a 0) (b 0) (c 0) (d 0) (e 0) (f 0) (g 0) (h 0) (i 0) (j 0) (x x) (k 0))
    (if (< k 12)
        (loop b c d e f g h i j x x (+ k 1))
        (list (+ a 1) (+ e 1) (+ j 1) k))))

;; Flonums and a string through the loops' generic paths.
(define (sum-to x limit)
  (let loop ((i x) (acc 0))
    (if (< i limit) (loop (+ i 1) (+ acc i)) acc)))

;; Each run's results as a list of lines.
(define (run)
  (list
   (list (up-to-max (- max-fx 3)) (up-to-max max-fx) (up-to-max (+ max-fx 10)))
   (list (up-past-max (- max-fx 2)))
   (list (up-by-5 (- max-fx 10)) (up-by-6 (- max-fx 5)) (up-by-5 5e18) (up-by-6 5e18))
   (list (down-by-5 (+ min-fx 10)) (down-by-6 (+ min-fx 5)) (down-by-5 -5e18) (down-by-6 -5e18))
   (list (fib 15) (fib 2.0) (fib 1/2))
   (list (down-to-min (+ min-fx 3)) (down-to-min-not (+ min-fx 2)) (down-to-min (- min-fx 1)))
   (list (count-from 1 5) (count-from 0.5 3) (count-from (expt 2 70) 5)
         (count-from (- (expt 2 70)) (+ 2 (- (expt 2 70)))))
   (list (index-sums (vector 'a 'b 'c)))
   (list (maybe-indexed (vector 1 2) 1 #t) (maybe-indexed (vector 1 2) max-fx #f))
   (list (strides 12))
   (list (sum-cars-before '(1 2) 3) (cdr-after-join '(1 2) #t) (cdr-after-join 5 #f))
   (list (swap-loop 1 max-fx 1) (swap-loop 1 max-fx 2) (swap-loop max-fx 1 0))
   (list (sum-to 0 5) (sum-to 0.5 3) (sum-to 1/2 3))
   (list (rotate 1.5) (rotate max-fx) (rotate 2))
   (list (guard (e (#t (error-object-message e))) (count-from "one" 3)))))

;; The first run (the VM's, in tiered mode), then enough runs for tiered
;; mode to compile every function, each of which must agree.
(define first-run (run))
(for-each (lambda (line) (apply show line)) first-run)
(let loop ((k 0))
  (cond ((= k 200) (show 'all-runs-agree))
        ((equal? (run) first-run) (loop (+ k 1)))
        (else (show 'run k 'differs: (run)))))

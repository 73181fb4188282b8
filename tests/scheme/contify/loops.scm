;; Named lets and letrec-bound lambdas that are only ever called become
;; blocks of the function around them (ir/build.cpp, contification); these
;; check that every shape of it computes what a separate closure would.
(define (show . xs) (for-each display xs) (newline))

;; Tail position: the loop's returns are the function's.
(define (sum-to n) (let loop ((i 0) (s 0)) (if (> i n) s (loop (+ i 1) (+ s i)))))
(show "sum-to " (sum-to 100))

;; Non-tail position: the one call's value flows on to (+ 1 ...).
(define (one-plus-sum n) (+ 1 (let loop ((i 0) (s 0)) (if (= i n) s (loop (+ i 1) (+ s i))))))
(show "one-plus-sum " (one-plus-sum 10))

;; A non-tail loop in one arm of a non-tail if; the loop tail-calls a
;; global (which becomes a call, then the join).
(define (twice x) (* 2 x))
(define (pick flag n)
  (list (if flag (let loop ((i n)) (if (= i 0) (twice 21) (loop (- i 1)))) 'no) 'after))
(show "pick " (pick #t 5) " " (pick #f 5))

;; Nested named lets; the inner one tail-calls the outer one.
(define (pairs n)
  (let outer ((i 0) (acc '()))
    (if (= i n)
        (reverse acc)
        (let inner ((j 0) (acc acc))
          (if (= j i) (outer (+ i 1) acc) (inner (+ j 1) (cons (list i j) acc)))))))
(show "pairs " (pairs 4))

;; Nested, the inner one non-tail (its value is consed).
(define (triangle n)
  (let outer ((i 0) (rows '()))
    (if (= i n)
        (reverse rows)
        (outer (+ i 1) (cons (let inner ((j 0) (s 0)) (if (> j i) s (inner (+ j 1) (+ s j)))) rows)))))
(show "triangle " (triangle 6))

;; Closures made in the loop capture each iteration's own variable.
(define (thunks n)
  (let loop ((i 0) (acc '()))
    (if (= i n) (reverse acc) (loop (+ i 1) (cons (lambda () (* i 10)) acc)))))
(show "thunks " (map (lambda (t) (t)) (thunks 5)))

;; set! on loop variables, uncaptured and captured by a closure.
(define (count-evens l)
  (let loop ((l l) (n 0))
    (cond ((null? l) n)
          (else (when (even? (car l)) (set! n (+ n 1))) (loop (cdr l) n)))))
(show "count-evens " (count-evens '(1 2 3 4 6 7 8)))
(define (counters n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        (reverse acc)
        (let ((bump (lambda () (set! i (+ i 100)) i)))
          (loop (+ i 1) (cons (bump) acc))))))
(show "counters " (counters 2))
(define (boxes n)
  ;; each iteration's closure owns its own location for k
  (let loop ((k 0) (acc '()))
    (if (= k n)
        (map (lambda (p) (p)) (reverse acc))
        (loop (+ k 1) (cons (lambda () (set! k (+ k 1000)) k) acc)))))
(show "boxes " (boxes 3))

;; A loop variable of the enclosing function assigned in the loop (a box).
(define (total l)
  (let ((sum 0))
    (let loop ((l l)) (unless (null? l) (set! sum (+ sum (car l))) (loop (cdr l))))
    sum))
(show "total " (total '(1 2 3 4)))

;; do loops.
(define (squares n) (do ((i 0 (+ i 1)) (acc '() (cons (* i i) acc))) ((= i n) (reverse acc))))
(show "squares " (squares 6))

;; Internal defines called in tail position from two places.
(define (classify n)
  (define (walk i steps) (if (<= i 1) steps (walk (quotient i 2) (+ steps 1))))
  (if (odd? n) (walk (* 3 n) 0) (walk n 100)))
(show "classify " (classify 7) " " (classify 64))

;; A loop reading a letrec sibling defined after it.
(define (later n)
  (define (go i acc) (if (= i 0) acc (go (- i 1) (+ acc step))))
  (define step 3)
  (go n 0))
(show "later " (later 5))

;; Called from two non-tail places: not contified, still right.
(define (two-calls n)
  (define (sq x) (* x x))
  (+ (sq n) (sq (+ n 1))))
(show "two-calls " (two-calls 3))

;; An escaping letrec lambda (returned, stored, passed): a closure as before.
(define (escaping)
  (let loop ((i 0)) (if (< i 3) (loop (+ i 1)) loop)))
(show "escaping " (procedure? ((escaping) 10)))
(define (passed l) (letrec ((f (lambda (x) (* x 3)))) (map f l)))
(show "passed " (passed '(1 2 3)))

;; Wrong arity at one call: not contified, the error is still raised.
(define (bad-arity)
  (let loop ((i 0)) (if (< i 2) (loop (+ i 1)) (guard (e (#t (error-object-message e))) (loop 1 2)))))
(show "bad-arity " (bad-arity))

;; A loop whose body calls the enclosing function recursively (non-tail)
;; and other functions deeply.
(define (depth tree)
  (if (pair? tree)
      (let loop ((l tree) (best 0))
        (if (null? l) (+ best 1) (loop (cdr l) (max best (depth (car l))))))
      0))
(show "depth " (depth '(1 (2 (3 (4))) (5))))
(define (deep n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))
(define (deep-loop k) (let loop ((i 0) (s 0)) (if (= i k) s (loop (+ i 1) (+ s (deep 100000))))))
(show "deep-loop " (deep-loop 3))

;; Mutual recursion between internal definitions (compiles as closures).
(define (parity n)
  (define (ev? n) (if (= n 0) #t (od? (- n 1))))
  (define (od? n) (if (= n 0) #f (ev? (- n 1))))
  (ev? n))
(show "parity " (parity 100001) " " (parity 10))

;; Loops inside a lambda with a rest list, and a loop whose name shadows
;; the enclosing function's.
(define (sum-all . xs) (let loop ((xs xs) (s 0)) (if (null? xs) s (loop (cdr xs) (+ s (car xs))))))
(show "sum-all " (sum-all 1 2 3 4))
(define (loop n) (let loop ((n n) (acc 1)) (if (= n 0) acc (loop (- n 1) (* acc n)))))
(show "loop " (loop 20))

;; A loop that runs long enough to tier up in the middle (tiered mode).
(define (long-run n) (let loop ((i 0) (s 0)) (if (= i n) s (loop (+ i 1) (+ s (remainder i 7))))))
(show "long-run " (long-run 300000))

;; A loop returning through another's join: the inner loop is in tail
;; position of the outer one, which is called once, not in tail position.
(define (nested-join)
  (+ 1 (let outer ((i 0))
         (let inner ((j 0))
           (if (< j 3) (inner (+ j 1)) (if (< i 3) (outer (+ i 1)) (* 100 i j)))))))
(show "nested-join " (nested-join))

;; A contified loop inside a closure made in a contified loop.
(define (adders n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        (map (lambda (f) (f 1)) (reverse acc))
        (loop (+ i 1) (cons (lambda (x) (let count ((k 0) (s x)) (if (= k i) s (count (+ k 1) (+ s i))))) acc)))))
(show "adders " (adders 4))

;; R7RS 6.10: "If multiple returns occur from map, the values returned by
;; earlier returns are not mutated." (and the same for vector-map and
;; string-map). A continuation captured in the mapped procedure returns
;; from map again; every list map returned before must stay as it was.
(define (show x) (write x) (newline))

;; Re-enter the element at index `at` of a map over `lst` with the values
;; in `again`, one return each; the lists map returned, oldest first.
(define (returns lst at again)
  (let ((k #f) (left again) (results '()))
    (let ((r (map (lambda (x)
                    (call/cc (lambda (c)
                               (if (= x (list-ref lst at)) (set! k c))
                               x)))
                  lst)))
      (set! results (cons r results))
      (if (pair? left)
          (let ((v (car left)))
            (set! left (cdr left))
            (k v))
          (reverse results)))))

(show (returns '(1 2 3) 1 '(10 20)))
(show (returns '(1 2 3) 0 '(10 20)))        ; the first element
(show (returns '(1 2 3) 2 '(10 20)))        ; the last
(show (returns '(7) 0 '(8 9)))
(show (returns '(1 2 3 4 5 6) 3 '(40 41 42)))

;; Hot: map's own code compiled before the re-entries.
(do ((i 0 (+ i 1))) ((= i 300)) (map (lambda (x) (+ x 1)) '(1 2 3 4)))
(show (returns '(1 2 3 4 5) 2 '(30 31)))

;; A long list: re-entered near its end.
(define long (iota 5000))
(let ((rs (returns long 4990 '(-1 -2))))
  (show (map (lambda (r) (list (length r) (list-ref r 4989) (list-ref r 4990) (list-ref r 4999))) rs)))

;; Two lists, vector-map and string-map.
(let ((k #f) (n 0) (results '()))
  (let ((r (map (lambda (x y) (call/cc (lambda (c) (if (= x 2) (set! k c)) (+ x y))))
                '(1 2 3) '(10 20 30))))
    (set! results (cons r results))
    (when (< n 2) (set! n (+ n 1)) (k (* 100 n)))
    (show (reverse results))))
(let ((k #f) (n 0) (results '()))
  (let ((r (vector-map (lambda (x) (call/cc (lambda (c) (if (= x 2) (set! k c)) x))) #(1 2 3))))
    (set! results (cons r results))
    (when (< n 2) (set! n (+ n 1)) (k (* 10 n)))
    (show (reverse results))))
(let ((k #f) (n 0) (results '()))
  (let ((r (string-map (lambda (ch) (call/cc (lambda (c) (if (char=? ch #\b) (set! k c)) ch))) "abc")))
    (set! results (cons r results))
    (when (< n 2) (set! n (+ n 1)) (k (if (= n 1) #\X #\Y)))
    (show (reverse results))))

;; The first n elements of a list, circular or not.
(define (list-copy-prefix l n) (if (= n 0) '() (cons (car l) (list-copy-prefix (cdr l) (- n 1)))))

;; The caller may change the list map returned before f returns again:
;; the next return is still right, and the changed list stays as changed.
(define (mutated-then-reentered at change!)
  (let ((k #f) (n 0) (results '()))
    (let ((r (map (lambda (x) (call/cc (lambda (c) (if (= x at) (set! k c)) x))) (list 1 2 3 4))))
      (set! results (cons r results))
      (set! n (+ n 1))
      (when (= n 1)
        (change! r)
        (k (* 10 at)))
      (reverse results))))
(show (mutated-then-reentered 3 (lambda (r) (set-cdr! r '()))))          ; cut short
(show (mutated-then-reentered 2 (lambda (r) (set-cdr! r '()))))
(let ((rs (mutated-then-reentered 3 (lambda (r) (set-cdr! (cdddr r) r)))))  ; made circular
  (show (list (list-copy-prefix (car rs) 6) (cadr rs))))

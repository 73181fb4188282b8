;; call/cc re-entry into contified loops: a variable is one location (R7RS
;; 3.1), so re-entering an iteration sees what was assigned to that
;; iteration's variables since, and each iteration has its own.
(define (reenter)
  (let ((k #f) (rounds 0))
    (let ((result
           (let loop ((i 0) (acc 0))
             (if (= i 3)
                 acc
                 (let ((x (call/cc (lambda (c) (if (= i 1) (set! k c)) 0))))
                   (set! acc (+ acc i x))
                   (loop (+ i 1) acc))))))
      (set! rounds (+ rounds 1))
      (display (list 'round rounds result))
      (newline)
      (if (< rounds 3) (k 10) 'done))))
(display (reenter))
(newline)

;; A generator: a loop that hands out its elements one at a time, its
;; state kept in a continuation captured in the middle of the loop.
(define (make-gen l)
  (define return #f)
  (define resume #f)
  (define (walk)
    (let loop ((l l))
      (when (pair? l)
        (call/cc (lambda (k) (set! resume k) (return (car l))))
        (loop (cdr l))))
    (return 'end))
  (lambda ()
    (call/cc (lambda (r) (set! return r) (if resume (resume #f) (walk))))))
(define g (make-gen '(a b c)))
(let loop ((x (g)) (acc '()))
  (if (eq? x 'end)
      (begin (display (reverse acc)) (newline))
      (loop (g) (cons x acc))))

;; Re-entry into a non-tail (joining) loop: the code after the loop runs
;; again with the new value each time.
(define (after-join)
  (let ((k #f) (seen '()))
    (let ((v (+ 1000 (let loop ((i 0) (s 0))
                       (if (= i 4)
                           (+ s (call/cc (lambda (c) (set! k c) 0)))
                           (loop (+ i 1) (+ s i)))))))
      (set! seen (cons v seen))
      (if (< (length seen) 3) (k (* 100 (length seen))) (reverse seen)))))
(display (after-join))
(newline)

;; A loop parameter that is only passed around the loop (the closure, when
;; nothing reads it) gets no register and no moves; the loop's live values
;; get the registers.
(define (cpstak x y z)
  (define (tak x y z k)
    (if (not (< y x))
        (k z)
        (tak (- x 1) y z
             (lambda (v1)
               (tak (- y 1) z x
                    (lambda (v2)
                      (tak (- z 1) x y
                           (lambda (v3) (tak v1 v2 v3 k)))))))))
  (tak x y z (lambda (a) a)))
(display (let loop ((i 0) (s 0)) (if (= i 30) s (loop (+ i 1) (+ s (cpstak 12 8 4)))))) (newline)
;; Entered by OSR in the middle of its loop, called once.
(define (spin i acc n) (if (= i n) acc (spin (+ i 1) (+ acc i) n)))
(display (spin 0 0 300000)) (newline)
;; A loop whose closure is read, but only once the loop is done.
(define (make-summer bias)
  (lambda (n) (let loop ((i 0) (acc 0)) (if (= i n) (+ acc bias) (loop (+ i 1) (+ acc i))))))
(define s (make-summer 1000))
(display (let loop ((k 0) (t 0)) (if (= k 300) t (loop (+ k 1) (+ t (s 50)))))) (newline)
;; A closure reading its free variable inside the loop keeps its closure.
(define (make-scaler f) (lambda (n) (let loop ((i 0) (acc 0)) (if (= i n) acc (loop (+ i 1) (+ acc (* f i)))))))
(define sc (make-scaler 3))
(display (let loop ((k 0) (t 0)) (if (= k 300) t (loop (+ k 1) (+ t (sc 20)))))) (newline)

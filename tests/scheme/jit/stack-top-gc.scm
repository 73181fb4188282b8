;; Machine code does not store Thread::sp on entry: while its frames are on
;; top, the collector bounds the value stack by the topmost frame record
;; (live_stack_top). Values that compiled frames keep in their slots across
;; calls must survive collections made deeper down: in machine code, in a
;; primitive calling back into Scheme (vector-map, sort), in the VM, and
;; in a handler. Runs with a collection every 20 allocations.

(define (garbage n) (if (= n 0) '() (cons (make-vector 3 n) (garbage (- n 1)))))

;; Each level keeps a fresh list in a slot across the recursive call.
(define (deep n)
  (if (= n 0)
      (length (garbage 50))
      (let ((mine (list n (* n 2) (make-string 3 #\x))))
        (let ((below (deep (- n 1))))
          (+ below (car mine) (cadr mine) (string-length (caddr mine)))))))

;; A primitive calling back into Scheme from under a compiled frame.
(define (mapped v)
  (let ((keep (list 'keep (make-vector 2 'k))))
    (let ((r (vector-map (lambda (x) (length (garbage 5)) (list x x)) v)))
      (list keep r))))

(define (sorted l)
  (let ((keep (string-copy "kept")))
    (list keep (list-sort (lambda (a b) (garbage 3) (< a b)) l))))

;; A callee run by the VM (forbidden to compile) under compiled frames.
(define (vm-callee n) (garbage n) (list n))
(jit-forbid! vm-callee)
(define (calls-vm n)
  (let ((keep (vector n 'x)))
    (let ((r (vm-callee n))) (list keep r))))

;; A handler called on top of a compiled frame.
(define (handled n)
  (let ((keep (list n 'h)))
    (guard (e (#t (garbage 10) (list keep e)))
      (raise (list 'oops n)))))

(let loop ((i 0) (last #f))
  (if (< i 150)
      (loop (+ i 1) (list (deep 30) (mapped (vector 1 2 3)) (sorted '(3 1 2)) (calls-vm 4) (handled i)))
      (begin (write last) (newline))))

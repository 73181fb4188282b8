;; Functions thousands of calls long compile in time linear in their
;; length. Lowering splits each call of a record procedure into several
;; blocks (jit/record_calls.cpp), and liveness, the lazy-record plan and the
;; watch-site checks each once took blocks x values or sites x instructions:
;; 2000 statements like these took 15 s to compile, 4000 took 90 s.
(import (scheme base) (scheme write) (scheme eval))
(define-record-type pt (make-pt x y) pt? (x pt-x set-pt-x!) (y pt-y))
(define env (environment '(scheme base)))
(define (statements n make)
  (let loop ((i 0) (acc '()))
    (if (= i n) (reverse acc) (loop (+ i 1) (cons (make i) acc)))))

;; A straight line of 1500 statements, 4500 record calls.
(define bump
  (eval `(lambda (p get-x set-x! get-y)
           ,@(statements 1500 (lambda (i) '(set-x! p (+ (get-x p) (get-y p)))))
           (get-x p))
        env))
;; One call with 1000 arguments, all live at once.
(define sum
  (eval `(lambda (p get-x) (+ ,@(statements 1000 (lambda (i) '(get-x p))))) env))
;; A loop around 500 statements: its values live around the back edge.
(define spin
  (eval `(lambda (p get-x set-x! n)
           (let loop ((k 0))
             (if (< k n)
                 (begin ,@(statements 500 (lambda (i) `(set-x! p (+ (get-x p) ,(modulo i 3)))))
                        (loop (+ k 1)))
                 (get-x p))))
        env))

(define (run)
  (let ((p (make-pt 0 1)))
    (list (bump p pt-x set-pt-x! pt-y) (sum p pt-x) (spin p pt-x set-pt-x! 3))))
(write (run)) (newline)
(do ((i 0 (+ i 1))) ((= i 150)) (run))
(write (run)) (newline)

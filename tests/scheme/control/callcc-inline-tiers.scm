; Inline call/cc across tiers: a continuation captured by one tier's code
; is resumed by the other's (the frame records are the same).

(define saved #f)
(define (capture x)
  ; Non-tail: resumes at the join, then adds x.
  (+ x (call/cc (lambda (k) (set! saved k) 0))))
(define (capture-tail x)
  ; Tail: k is the caller's continuation.
  (call/cc (lambda (k) (set! saved k) x)))
(define (invoke v) (saved v))

(define (check tier-capture tier-invoke f)
  (let ((count 0) (results '()))
    (let ((r (run-on-tier tier-capture f 100)))
      (set! count (+ count 1))
      (set! results (cons r results))
      (if (< count 3) (run-on-tier tier-invoke invoke count)))
    (reverse results)))

(for-each
 (lambda (f)
   (for-each
    (lambda (tiers)
      (write (list tiers (check (car tiers) (cadr tiers) f)))
      (newline))
    '((vm vm) (vm jit) (jit vm) (jit jit))))
 (list capture capture-tail))

; Escapes from the body through frames of both tiers.
(define (search l target)
  (call/cc
   (lambda (found)
     (let walk ((l l))
       (cond ((null? l) #f)
             ((pair? l) (walk (car l)) (walk (cdr l)))
             ((eqv? l target) (run-on-tier (quote vm) (lambda (x) (found x)) l))
             (else #f)))
     'absent)))
(write (list (run-on-tier 'jit search '(1 (2 (3 4)) 5) 4) (run-on-tier 'vm search '(1 2) 9))) (newline)

; Hot loops: the function tiers up while its continuations are in use.
(define (sum-escapes n)
  (let loop ((i 0) (acc 0))
    (if (= i n)
        acc
        (loop (+ i 1) (+ acc (call/cc (lambda (k) (if (odd? i) (k i) 0))))))))
(write (sum-escapes 1000)) (newline)
(define (reenter-hot n)
  (let ((ks '()) (total 0))
    (let ((v (call/cc (lambda (k) (set! ks k) 0))))
      (set! total (+ total v))
      (if (< v n) (ks (+ v 1)) total))))
(write (reenter-hot 1000)) (newline)

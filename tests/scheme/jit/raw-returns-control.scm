;; Raw returns (jit/raw_returns.h) and control: the global reassigned in
;; the middle of a recursion to return several values or non-flonums, a
;; guard failing below frames entered raw, continuations captured below
;; them (by a plain call of call/cc and in dynamic-wind) and re-entered,
;; raise-continuable answered there, escapes.
(define (report e) (if (error-object? e) (error-object-message e) e))
(define mode 0)
(define (f x)
  (cond ((< x 1.) x)
        (else
         (when (and (= mode 1) (= x 3.5)) (set! f (lambda (y) (values y y))))
         (when (and (= mode 2) (= x 3.5)) (set! f (lambda (y) (exact (round (* y 3))))))
         (when (and (= mode 3) (= x 3.5)) (set! f (lambda (y) 'sym)))
         (when (and (= mode 4) (= x 3.5)) (set! f (lambda (y) (+ y 1.))))
         (* 2. (f (- x 1.))))))
(define f0 f)
(let loop ((i 0)) (when (< i 300) (f 6.) (loop (+ i 1))))
(define (try m)
  (set! mode m)
  (unless (eq? f f0) (set! f f0))
  (display (guard (e (#t (list 'err (report e)))) (f 6.5)))
  (newline))
(try 0) (try 2) (try 3) (try 4) (try 0)

;; Several values from the new procedure, to a frame entered raw that
;; returns them as they are.
(define (f2 x)
  (cond ((< x 1.) x)
        (else
         (let ((r (f2 (- x 1.))))
           (if (= x 3.) (set! f2 (lambda (y) (values y 1.))))
           (+ r 1.)))))
(let loop ((i 0)) (when (< i 300) (f2 6.) (loop (+ i 1))))
(display (f2 6.)) (newline)
(display (call-with-values (lambda () (f2 6.)) list)) (newline)

;; A leaf's fixnum passed on to a self call whose guard then fails: the
;; new code's result comes back boxed to frames of the old.
(define gmode 0)
(define (gf x k)
  (cond ((<= k 0) (if (= gmode 1) 7 x))
        (else (let* ((a (gf (- x 1.) (- k 1)))
                     (b (gf a (- k 1))))
                (+ a b 0.5)))))
(let loop ((i 0)) (when (< i 300) (gf 3. 4) (loop (+ i 1))))
(display (gf 3. 4)) (newline)
(set! gmode 1)
(display (gf 3. 4)) (newline)
(set! gmode 0)
(display (list (gf 3. 4) (gf 3 4))) (newline)

;; Continuations captured by a plain call of call/cc below frames entered
;; raw, each re-entered: the frames return through the checks, boxed.
(define ks '())
(define (receiver k) (set! ks (cons k ks)) 1.)
(define (cc x)
  (if (< x 1.) (+ x (call/cc receiver))
      (+ (cc (- x 1.)) (* 3. (cc (- x 2.))))))
(let loop ((i 0)) (when (< i 300) (cc 4.) (loop (+ i 1))))
(set! ks '())
(define out '())
(define c 0)
(let ((r (cc 4.)))
  (set! out (cons r out))
  (set! c (+ c 1))
  (when (< c 6) ((list-ref ks (modulo (* c 5) (length ks))) (* c 2.))))
(display (reverse out)) (newline)

;; The same through dynamic-wind.
(define trail 0)
(define wks '())
(define (gen x)
  (if (< x 1.)
      (dynamic-wind (lambda () (set! trail (+ trail 1)))
                    (lambda () (call/cc (lambda (k) (set! wks (cons k wks)) x)))
                    (lambda () (set! trail (+ trail 1))))
      (+ (gen (- x 1.)) (* .5 (gen (- x 2.))))))
(let loop ((i 0)) (when (< i 300) (gen 4.) (loop (+ i 1))))
(set! wks '())
(set! trail 0)
(define runs 0)
(define outs '())
(let ((r (gen 3.)))
  (set! outs (cons r outs))
  (set! runs (+ runs 1))
  (when (< runs 5) ((list-ref wks (- (length wks) runs)) (* runs 100.))))
(display (list (reverse outs) trail)) (newline)

;; raise-continuable answered in a leaf entered raw.
(define (rc x)
  (if (< x 1.) (+ 0. (raise-continuable x))
      (+ (rc (- x 1.)) (* 2. (rc (- x 2.))))))
(let loop ((i 0))
  (when (< i 300) (with-exception-handler (lambda (c) (* c 10.)) (lambda () (rc 6.))) (loop (+ i 1))))
(display (with-exception-handler (lambda (c) (* c 10.)) (lambda () (rc 7.)))) (newline)

;; An escape from deep inside, then the same function again.
(define (esc x k) (if (< x 1.) (if k (k 'escaped) x) (+ 1. (esc (- x 1.) k))))
(let loop ((i 0)) (when (< i 300) (esc 5. #f) (loop (+ i 1))))
(display (list (call/cc (lambda (k) (esc 50. k))) (esc 50. #f))) (newline)

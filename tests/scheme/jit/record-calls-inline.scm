;; Calls of define-record-type's accessors, modifiers and predicates
;; through their global names run the procedure's body inline at the call
;; site in machine code (jit/record_calls.cpp),
;; in tail and non-tail position; anything the body would not do inline
;; makes the call, and assigning the name sends the site to an ordinary
;; call. Every tier must agree on all of it.
(define (show x) (write x) (newline))
(define (message thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (thunk)))

(define-record-type cell (make-cell value next) cell? (value cell-value set-cell-value!) (next cell-next))
(define-record-type other (make-other a) other? (a other-a))

(define (sum-list c)                    ; non-tail accessor calls
  (if (cell? c) (+ (cell-value c) (sum-list (cell-next c))) 0))
(define (last-value c)                  ; an accessor in tail position
  (if (cell? (cell-next c)) (last-value (cell-next c)) (cell-value c)))
(define (bump! c)                       ; a modifier, its result returned
  (set-cell-value! c (+ (cell-value c) 1)))
(define (kind x) (if (cell? x) 'cell (if (other? x) 'other 'neither)))

(define (build n)
  (let loop ((i n) (c #f)) (if (= i 0) c (loop (- i 1) (make-cell i c)))))
(define chain (build 10))

(define (round1)
  (list (sum-list chain) (last-value chain) (bump! (make-cell 1 #f))
        (map kind (list chain (make-other 1) 5 '(a) #f))))
(show (round1))
(do ((i 0 (+ i 1))) ((= i 300)) (round1))
(show (round1))

;; Not a record of the type: the call reports it, as the procedure would.
(define (first-value x) (cell-value x))
(define (first-value-tail x) (let ((y x)) (cell-value y)))
(do ((i 0 (+ i 1))) ((= i 300)) (first-value chain) (first-value-tail chain))
(show (message (lambda () (first-value (make-other 1)))))
(show (message (lambda () (first-value 42))))
(show (message (lambda () (first-value-tail '(1 2)))))
(show (message (lambda () (bump! (make-other 1)))))

;; The accessor's name assigned while code that inlined it is hot: the
;; site calls whatever the name now holds.
(define (value-of x) (cell-value x))
(do ((i 0 (+ i 1))) ((= i 300)) (value-of chain))
(show (value-of chain))
(set! cell-value (lambda (x) (list 'replaced x)))
(show (value-of 7))
(set! cell-value (lambda (x) (other-a x)))   ; another record procedure
(show (value-of (make-other 'o)))

;; The type's name assigned: the procedures (and the inline code) no longer
;; know their records, as the primitives say.
(define (is-cell x) (cell? x))
(define (next-of x) (cell-next x))
(do ((i 0 (+ i 1))) ((= i 300)) (is-cell chain) (next-of chain))
(set! cell (make-other 'not-a-type))
(show (message (lambda () (is-cell chain))))
(show (message (lambda () (next-of chain))))

;; An accessor call as the last call of a call/cc body (whose frame is
;; resealed on the way into the callee), re-entered through k.
(define-record-type box (make-box v) box? (v box-v))
(define b (make-box 41))
(define saved #f)
(define (via-k x) (+ 1 (call/cc (lambda (k) (set! saved k) (box-v x)))))
(do ((i 0 (+ i 1))) ((= i 300)) (via-k b))
(define results '())
(define count 0)
(let ((r (via-k b)))
  (set! results (cons r results))
  (when (< count 3)
    (set! count (+ count 1))
    (saved count)))
(show (reverse results))

;; A global bound when machine code is made needs no unbound check there
;; (nothing ever unbinds a cell); one still unbound keeps its check. Both
;; must see later assignments and redefinitions.

(define (use-later) (+ later-defined 1))       ; unbound when compiled eagerly
(define (use-early) (* early-defined 2))       ; bound before its first call
(define (set-early! v) (set! early-defined v))
(define (set-later! v) (set! later-unbound v))
(define early-defined 10)

(define (try thunk)
  (call-with-current-continuation
   (lambda (k)
     (with-exception-handler
      (lambda (e) (k (list (error-object-message e) (error-object-irritants e))))
      thunk))))

(display (try use-later)) (newline)
(display (try (lambda () (set-later! 5)))) (newline)
(define later-defined 41)
(display (use-later)) (newline)
(let loop ((i 0) (acc 0))                       ; hot: compiled under tiering too
  (if (< i 300)
      (loop (+ i 1) (+ acc (use-early) (use-later)))
      (begin (display acc) (newline))))
(set-early! 100)
(display (use-early)) (newline)
(define early-defined -1)
(display (use-early)) (newline)
(define later-defined 0)
(display (use-later)) (newline)

;;; interp: a larger "real program": reads a Scheme-subset program from a
;;; string (tokenizer + recursive-descent parser), then runs it with an
;;; environment-passing evaluator (closures, define, if, let, primitives).
;;; quick: 10 => 2686755
;;; default: 30 => 3518740

;;; --- reader -------------------------------------------------------------
(define (tokenize s)
  (let ((n (string-length s)))
    (let loop ((i 0) (tokens '()))
      (if (>= i n)
          (reverse tokens)
          (let ((c (string-ref s i)))
            (cond ((char-whitespace? c) (loop (+ i 1) tokens))
                  ((char=? c #\() (loop (+ i 1) (cons 'lparen tokens)))
                  ((char=? c #\)) (loop (+ i 1) (cons 'rparen tokens)))
                  (else
                   (let scan ((j i))
                     (if (and (< j n)
                              (let ((d (string-ref s j)))
                                (not (or (char-whitespace? d) (char=? d #\() (char=? d #\))))))
                         (scan (+ j 1))
                         (let ((text (substring s i j)))
                           (loop j (cons (or (string->number text) (string->symbol text))
                                         tokens))))))))))))

;; Parse one datum from a token list; returns (datum . remaining-tokens).
(define (parse tokens)
  (cond ((eq? (car tokens) 'lparen)
         (let loop ((tokens (cdr tokens)) (items '()))
           (if (eq? (car tokens) 'rparen)
               (cons (reverse items) (cdr tokens))
               (let ((r (parse tokens)))
                 (loop (cdr r) (cons (car r) items))))))
        (else (cons (car tokens) (cdr tokens)))))

(define (parse-all tokens)
  (if (null? tokens) '()
      (let ((r (parse tokens))) (cons (car r) (parse-all (cdr r))))))

;;; --- evaluator ----------------------------------------------------------
;; An environment is a list of frames; a frame is a vector of a name list
;; and a value vector. The global frame is a mutable association list.
(define global-env (list (cons 'dummy 0)))

(define (lookup name env)
  (if (null? env)
      (let ((p (assq name global-env)))
        (if p (cdr p) (list 'unbound name)))
      (let ((frame (car env)))
        (let loop ((names (vector-ref frame 0)) (i 0))
          (cond ((null? names) (lookup name (cdr env)))
                ((eq? (car names) name) (vector-ref (vector-ref frame 1) i))
                (else (loop (cdr names) (+ i 1))))))))

(define (define-global! name value)
  (let ((p (assq name global-env)))
    (if p (set-cdr! p value) (set! global-env (cons (cons name value) global-env)))))

;; Closures are tagged vectors: #(closure params body env).
(define (make-closure params body env) (vector 'closure params body env))
(define (closure? v) (and (vector? v) (eq? (vector-ref v 0) 'closure)))

(define (ev e env)
  (cond ((symbol? e) (lookup e env))
        ((not (pair? e)) e)
        (else
         (let ((op (car e)))
           (cond ((eq? op 'quote) (cadr e))
                 ((eq? op 'if)
                  (if (ev (cadr e) env) (ev (caddr e) env) (ev (cadddr e) env)))
                 ((eq? op 'lambda) (make-closure (cadr e) (cddr e) env))
                 ((eq? op 'define)
                  (if (pair? (cadr e))
                      (define-global! (car (cadr e))
                        (make-closure (cdr (cadr e)) (cddr e) env))
                      (define-global! (cadr e) (ev (caddr e) env))))
                 ((eq? op 'let)
                  (let ((names (map car (cadr e)))
                        (vals (map (lambda (b) (ev (cadr b) env)) (cadr e))))
                    (ev-body (cddr e)
                             (cons (vector names (list->vector vals)) env))))
                 (else
                  (app (ev op env) (map (lambda (a) (ev a env)) (cdr e)))))))))

(define (ev-body body env)
  (if (null? (cdr body))
      (ev (car body) env)
      (begin (ev (car body) env) (ev-body (cdr body) env))))

(define (app f args)
  (if (closure? f)
      (ev-body (vector-ref f 2)
               (cons (vector (vector-ref f 1) (list->vector args)) (vector-ref f 3)))
      (apply f args)))

(define (install-primitives!)
  (define-global! '+ +) (define-global! '- -) (define-global! '* *)
  (define-global! '< <) (define-global! '= =)
  (define-global! 'cons cons) (define-global! 'car car) (define-global! 'cdr cdr)
  (define-global! 'null? null?) (define-global! 'true #t)
  (define-global! 'false #f) (define-global! 'nil '()))

(define program-text "
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (build n acc) (if (= n 0) acc (build (- n 1) (cons n acc))))
(define (sum l) (if (null? l) 0 (+ (car l) (sum (cdr l)))))
(define (map1 f l) (if (null? l) nil (cons (f (car l)) (map1 f (cdr l)))))
(define (main n)
  (let ((xs (build 200 nil)))
    (+ (fib n)
       (sum (map1 (lambda (x) (* x x)) xs)))))
")

(define (run n)
  (let ((forms (parse-all (tokenize program-text))))
    (install-primitives!)
    (for-each (lambda (f) (ev f '())) forms)
    (ev (list 'main n) '())))

(bench-result (run (bench-arg 0 30)))

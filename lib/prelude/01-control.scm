;; Kiln prelude: control — dynamic-wind, exceptions, guard, parameters, exit.
;;
;; call/cc itself lives in the VM (src/vm/continuation.h): a continuation
;; restores the frame stack and the handler list; when its dynamic-wind list
;; differs from the current one, the VM calls %throw below, which runs the
;; after and before thunks on the way and then calls the continuation again.
;; Every exception raised while a handler is installed — by `raise`, by a
;; primitive, or by the VM itself — reaches %raise-handler, called by the
;; VM as if from the point of the raise.

;; --- dynamic-wind (R7RS 6.10) -----------------------------------------------
;; The thread's winders list holds #(before after handlers) for each active
;; dynamic-wind, innermost first; `handlers` is the handler list at the
;; dynamic-wind call, the dynamic environment its thunks run in.

(define (dynamic-wind before thunk after)
  (before)
  (let ((here (%winders)))
    (%set-winders! (cons (vector before after (%handlers)) here))
    ;; Several values travel as one Values object, so `result` keeps them.
    (let ((result (thunk)))
      (%set-winders! here)
      (after)
      result)))

;; The longest common tail of two winders lists.
(define (%common-tail a b)
  (let ((la (length a)) (lb (length b)))
    (let loop ((a (if (> la lb) (list-tail a (- la lb)) a))
               (b (if (> lb la) (list-tail b (- lb la)) b)))
      (if (eq? a b) a (loop (cdr a) (cdr b))))))

;; Moves the dynamic-wind state from the current list to `target`: the
;; afters of the extents being left, innermost first, then the befores of
;; the extents being entered, outermost first. Each thunk runs with the
;; winders and handlers of its own dynamic-wind call.
(define (%travel-to target)
  (let ((here (%winders)))
    (if (not (eq? here target))
        (let ((common (%common-tail here target)))
          (let unwind ((h here))
            (if (not (eq? h common))
                (let ((w (car h)))
                  (%set-winders! (cdr h))
                  (%set-handlers! (vector-ref w 2))
                  ((vector-ref w 1))
                  (unwind (cdr h)))))
          (let rewind ((t target))
            (if (not (eq? t common))
                (let ((w (car t)))
                  (rewind (cdr t))
                  (%set-handlers! (vector-ref w 2))
                  ((vector-ref w 0))
                  (%set-winders! t))))))))

;; Called by the VM for (k v ...) when k's winders are not the current ones.
(define (%throw k . vals)
  (%travel-to (%continuation-winders k))
  (apply k vals))

;; --- exceptions (R7RS 6.11) --------------------------------------------------
;; The thread's handler list holds the installed handlers, innermost first.

(define (with-exception-handler handler thunk)
  (if (not (procedure? handler))
      (error "with-exception-handler: expected a procedure as argument 1" handler))
  (let ((outer (%handlers)))
    (%set-handlers! (cons handler outer))
    (let ((result (thunk)))
      (%set-handlers! outer)
      result)))

;; Called by the VM for every exception raised while a handler is installed,
;; in the dynamic environment of the raise: runs the innermost handler with
;; the outer ones installed. For raise-continuable its result is returned to
;; the raiser; for any other raise, a handler that returns is an error,
;; raised in the handler's dynamic environment (R7RS 6.11, `raise`).
(define (%raise-handler obj continuable?)
  (let ((handlers (%handlers)))
    (%set-handlers! (cdr handlers))
    (let ((result ((car handlers) obj)))
      (if continuable?
          (begin (%set-handlers! handlers) result)
          (error "exception handler returned (raise is not continuable)" obj)))))

;; (guard (var clause ...) body ...) expands to
;; (%guard (lambda () body ...) (lambda (var reraise) (cond clause ... (else (reraise))))).
;; As in R7RS 4.2.7: the clauses run in the dynamic environment of the guard;
;; with no clause matching, `reraise` re-raises with raise-continuable in
;; the dynamic environment of the original raise.
(define (%guard body clauses)
  ((call/cc
    (lambda (guard-k)
      (with-exception-handler
       (lambda (condition)
         ((call/cc
           (lambda (handler-k)
             (guard-k
              (lambda ()
                (clauses condition
                         (lambda ()
                           (handler-k (lambda () (raise-continuable condition)))))))))))
       (lambda ()
         (let ((result (body)))
           (guard-k (lambda () result)))))))))

;; --- parameters (R7RS 4.2.6) -------------------------------------------------
;; A parameter is a procedure; called with the private key it hands over its
;; cell (value . converter) so that parameterize can rebind it. parameterize
;; swaps values in and out with dynamic-wind, so continuations that jump in
;; or out of its body see the right values.

(define %parameter-key (string->uninterned-symbol "parameter-key"))

(define (make-parameter value . converter)
  (let* ((convert (if (pair? converter) (car converter) (lambda (x) x)))
         (cell (cons (convert value) convert)))
    (lambda args
      (cond ((null? args) (car cell))
            ((eq? (car args) %parameter-key) cell)
            (else (error "parameter: called with arguments" args))))))

(define (%parameterize params values body)
  (let* ((cells (map (lambda (p) (p %parameter-key)) params))
         (inner (map (lambda (c v) ((cdr c) v)) cells values))
         (outer #f))
    (dynamic-wind
     (lambda ()
       (set! outer (map car cells))
       (for-each set-car! cells inner))
     body
     (lambda ()
       (set! inner (map car cells))
       (for-each set-car! cells outer)))))

;; --- exit (R7RS 6.14) --------------------------------------------------------
;; Runs every outstanding dynamic-wind after, innermost first, then ends the
;; program (%exit unwinds to the driver, which flushes output and exits).

(define (exit . status)
  (%travel-to '())
  (apply %exit status))

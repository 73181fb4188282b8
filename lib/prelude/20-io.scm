;; Kiln prelude: the parts of R7RS 6.13 (ports) that call Scheme procedures
;; or that need the current ports to be parameters.

;; --- current ports as parameters (R7RS 6.13.1) -----------------------------
;; The C++ primitives default to the port in a cell owned by the thread
;; (%current-port-cell, see thread.h). Wrapping that same cell in a parameter
;; procedure lets `parameterize` rebind what display, read-char, ... use.
;; The wrapper must answer the protocol of make-parameter in 00-core.scm:
;; no arguments gives the value, %parameter-key gives the cell.

(define (%port-parameter k name expected ok?)
  (let ((cell (%current-port-cell k)))
    (set-cdr! cell (lambda (port)
                     (if (ok? port)
                         port
                         (error (string-append name ": expected " expected) port))))
    (lambda args
      (cond ((null? args) (car cell))
            ((eq? (car args) %parameter-key) cell)
            (else (error (string-append name ": called with arguments") args))))))

(define current-input-port
  (%port-parameter 0 "current-input-port" "input port" (lambda (p) (and (port? p) (input-port? p)))))
(define current-output-port
  (%port-parameter 1 "current-output-port" "output port" (lambda (p) (and (port? p) (output-port? p)))))
(define current-error-port
  (%port-parameter 2 "current-error-port" "output port" (lambda (p) (and (port? p) (output-port? p)))))

;; --- procedures that take a procedure argument -------------------------------

;; Calls proc with port and closes the port when proc returns, passing on
;; proc's values. (If proc escapes, the port stays open, as R7RS allows.)
(define (call-with-port port proc)
  (if (not (port? port)) (error "call-with-port: expected port" port))
  (call-with-values (lambda () (proc port))
    (lambda results
      (close-port port)
      (apply values results))))

(define (call-with-input-file name proc)
  (call-with-port (open-input-file name) proc))

(define (call-with-output-file name proc)
  (call-with-port (open-output-file name) proc))

(define (with-input-from-file name thunk)
  (let ((port (open-input-file name)))
    (call-with-values (lambda () (parameterize ((current-input-port port)) (thunk)))
      (lambda results
        (close-port port)
        (apply values results)))))

(define (with-output-to-file name thunk)
  (let ((port (open-output-file name)))
    (call-with-values (lambda () (parameterize ((current-output-port port)) (thunk)))
      (lambda results
        (close-port port)
        (apply values results)))))

;; Common extensions (Chez, Guile, Chicken): collect a procedure's output as
;; a string, or run it with a string as its input.
(define (call-with-output-string proc)
  (let ((port (open-output-string)))
    (proc port)
    (get-output-string port)))

(define (with-output-to-string thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (thunk))
    (get-output-string port)))

(define (with-input-from-string string thunk)
  (parameterize ((current-input-port (open-input-string string))) (thunk)))

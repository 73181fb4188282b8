;; eval, environment and load (R7RS 6.12, 6.14), built on the primitives of
;; src/vm/load.cpp and src/expand/library.cpp. Compiling never runs code:
;; the bodies of libraries that an expression or environment imports are
;; queued while it is compiled, and run here, before the code that uses them.

(define (%run-library-inits)
  (let ((init (%take-library-init)))
    (if init
        (begin (init) (%run-library-inits)))))

(define (eval expr . env)
  (let ((thunk (%compile expr (if (pair? env) (car env) (interaction-environment)))))
    (%run-library-inits)
    (thunk)))

(define (environment . import-sets)
  (let ((env (%make-environment import-sets)))
    (%run-library-inits)
    env))

(define (scheme-report-environment version)
  (if (eqv? version 5)
      (environment '(scheme r5rs))
      (error "scheme-report-environment: only version 5 is supported:" version)))

(define (null-environment version)
  (if (eqv? version 5)
      (%syntax-environment (environment '(scheme r5rs)))
      (error "null-environment: only version 5 is supported:" version)))

(define (load file . env)
  (let ((env (if (pair? env) (car env) (interaction-environment))))
    (for-each (lambda (form) (eval form env)) (%read-file-forms file))))

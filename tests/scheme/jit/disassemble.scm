; (disassemble f) writes f's name and location, its IR and its x86-64 to
; the current output port, and changes nothing: f is not compiled by it, in
; any --jit mode. Addresses vary from run to run, so only fixed parts of the
; listing are checked.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

(define (contains? text part)
  (let ((n (string-length text)) (m (string-length part)))
    (let loop ((i 0))
      (cond ((> (+ i m) n) #f)
            ((string=? (substring text i (+ i m)) part) #t)
            (else (loop (+ i 1)))))))

(define listing
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (disassemble fib))
    (get-output-string port)))

(define compiled-before (jit-compiled? fib))
(for-each
 (lambda (part) (write part) (display (if (contains? listing part) " found" " MISSING")) (newline))
 '(";; fib at tests/scheme/jit/disassemble.scm:5:1"
   ";; IR" "function fib (req 1)" " = lt v" " = add v" "  return v"
   ";; x86-64," "  ; block b1" " = sub v" "0000  ; entry" "  cmp " "  mov " "  jmp "))
(display (eq? compiled-before (jit-compiled? fib))) (newline)
(display (fib 15)) (newline)

; A closure's code, and after it was compiled by request.
(define (make-adder k) (lambda (x) (+ x k)))
(define add2 (make-adder 2))
(jit-compile! add2)
(define listing2
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (disassemble add2))
    (get-output-string port)))
(display (contains? listing2 ";; <lambda> at tests/scheme/jit/disassemble.scm:")) (newline)
(display (contains? listing2 "free-ref #0")) (newline)
(display (add2 40)) (newline)

(display (guard (e (#t (error-object-message e))) (disassemble car))) (newline)

; Installed code that speculates on a flonum argument and a flonum free
; variable is listed as it was made: with its entry guards (fl-guard).
(define (scaler k) (lambda (x) (* k (+ x 1.))))
(define scale (scaler 1.5))
(let loop ((i 0)) (when (< i 200) (scale 2.5) (loop (+ i 1))))
(define listing3
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (disassemble scale))
    (get-output-string port)))
; Off the JIT (--jit=off) nothing is compiled, and nothing speculated.
(display (if (jit-compiled? scale) (contains? listing3 "fl-guard") #t)) (newline)
(display (scale 2.5)) (newline)

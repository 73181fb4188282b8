;; no-gc-stress: builds and compiles data 100000 deep, far too slow collecting every 50 allocations
;; Source nested deeper than the compiler's C++ stack allows is a
;; syntax-error ("nested too deeply"), not a crash: each stage that recurses
;; on the shape of the program (expander, analyzer, IR builder, copying
;; quoted literals) checks the stack it has left. Nesting that fits compiles
;; and runs as usual.

(define (nest depth open middle close)
  (let ((out (open-output-string)))
    (do ((i 0 (+ i 1))) ((= i depth)) (write-string open out))
    (write-string middle out)
    (do ((i 0 (+ i 1))) ((= i depth)) (write-string close out))
    (get-output-string out)))

(define (try text)
  (guard (e ((error-object? e)
             (display "error: ")
             (display (error-object-message e))
             (newline)))
    (let ((datum (read (open-input-string text))))
      (write (eval datum (environment '(scheme base))))
      (newline))))

;; Reading is iterative: any depth reads.
(display (pair? (read (open-input-string (nest 100000 "(" "" ")")))))
(newline)

(try (nest 100000 "(" "" ")"))                    ; ((((...)))): the expander
(try (nest 100000 "(list " "" ")"))              ; calls within calls
(try (string-append "(quote " (nest 100000 "(" "" ")") ")"))  ; a literal
(try (string-append "(quote " (nest 100000 "#(" "" ")") ")"))  ; vectors too
(try (nest 50000 "(if #t " "1" " 2)"))            ; the IR builder's depth
(try (nest 20000 "(lambda () " "1" ")"))          ; functions in functions

;; Moderate nesting is fine.
(try (nest 200 "(car (list " "7" "))"))
(try (string-append "(length (quote " (nest 1000 "(" "" ")") "))"))
(try (nest 200 "(if #t " "3" " 4)"))

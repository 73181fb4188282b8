; R7RS 6.13 and 6.14: file ports, call-with-*-file, with-*-file,
; file-exists?, delete-file.
(define (t . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
; The three execution modes run at the same time: make the name unique.
(define name (string-append "/tmp/kiln-test-6.13-files-" (number->string (current-jiffy)) "-"
                            (number->string (exact (floor (* 1000000 (current-second))))) ".tmp"))
(if (file-exists? name) (delete-file name))
(t (file-exists? name))
(call-with-output-file name
  (lambda (port) (write '(hello "world" #\λ) port) (newline port) (display "second line" port)))
(t (file-exists? name))
(t (call-with-input-file name read-line))
(t (call-with-input-file name
     (lambda (port) (read-line port) (read-line port))))
(t (with-input-from-file name (lambda () (read-char) (read-char))))
(with-output-to-file name
  (lambda () (display "replaced") (newline) (write-string "λ")))
(t (call-with-input-file name (lambda (p) (read-string 100 p))))
(t (call-with-values (lambda () (with-output-to-file name (lambda () (display 1) (values 'a 'b)))) list))
(t (call-with-input-file name read-char))
; the port given to call-with-output-file is closed afterwards
(define saved #f)
(call-with-output-file name (lambda (p) (set! saved p)))
(t (output-port-open? saved))
; after with-output-to-file the current output port is restored
(display "stdout again") (newline)
; binary files
(define out (open-binary-output-file name))
(t (binary-port? out) (textual-port? out) (output-port? out))
(write-u8 0 out)
(write-bytevector #u8(1 2 255) out)
(close-port out)
(define in (open-binary-input-file name))
(t (read-bytevector 10 in) (read-u8 in))
(close-input-port in)
; textual files are UTF-8
(define out2 (open-output-file name))
(t (textual-port? out2))
(write-string "aλ😀" out2)
(close-output-port out2)
(define in2 (open-binary-input-file name))
(t (read-bytevector 20 in2))
(close-port in2)
(define in3 (open-input-file name))
(t (read-string 10 in3) (eof-object? (peek-char in3)))
(close-port in3)
(delete-file name)
(t (file-exists? name))
(t (file-exists? "."))

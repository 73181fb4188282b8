;; The standard libraries export their R7RS names. A name a library should
;; export but Kiln does not define yet is printed here, and each such name is
;; listed in tests/KNOWN-FAILURES; when it is implemented, this output and
;; that file change together.
;; No import: the program sees every builtin, including the %library-* helpers.
(define libraries
  '((scheme base) (scheme case-lambda) (scheme char) (scheme complex) (scheme cxr)
    (scheme eval) (scheme file) (scheme inexact) (scheme lazy) (scheme load)
    (scheme process-context) (scheme read) (scheme repl) (scheme time) (scheme write)
    (scheme r5rs) (srfi 69)))
(for-each
 (lambda (lib)
   (write lib)
   (display " exports ")
   (write (length (%library-exports lib)))
   (display ", missing ")
   (write (%library-missing-exports lib))
   (newline))
 libraries)
;; Small libraries, in full.
(for-each (lambda (lib) (write lib) (display " ") (write (%library-exports lib)) (newline))
          '((scheme case-lambda) (scheme cxr) (scheme eval) (scheme lazy) (scheme load)
            (scheme process-context) (scheme read) (scheme repl) (scheme time) (scheme write)))
;; (kiln) holds the extras, not the standard names.
(define kiln-names (%library-exports '(kiln)))
(write (list (and (memq 'make-hash-table kiln-names) #t) (and (memq 'sort kiln-names) #t)
             (and (memq 'car kiln-names) #t) (and (memq '%compile kiln-names) #t)))
(newline)

;; The ASCII character classes and case maps inline (jit/emit_intrinsics.cpp:
;; char-alphabetic? and the rest, char-upcase, char-downcase), hot, over the
;; first 400 code points (past ASCII: the primitive), and their errors.
(define (classes c) (list (char-alphabetic? c) (char-numeric? c) (char-whitespace? c) (char-upper-case? c) (char-lower-case? c) (char-upcase c) (char-downcase c)))
(define (count-alpha s) (let loop ((i 0) (n 0)) (if (= i (string-length s)) n (loop (+ i 1) (if (char-alphabetic? (string-ref s i)) (+ n 1) n)))))
(do ((i 0 (+ i 1))) ((= i 300)) (classes #\a) (count-alpha "ab1 c"))
(let loop ((cp 0) (acc '()))
  (if (< cp 400)
      (loop (+ cp 1) (cons (classes (integer->char cp)) acc))
      (begin (write (length acc)) (newline) (write (equal? acc (reverse (reverse acc)))) (newline)
             (for-each (lambda (x) (write x)) (reverse acc)) (newline))))
(write (count-alpha "Hello, World! λx 123")) (newline)
(write (guard (e (#t (error-object-message e))) (classes 5))) (newline)
(write (guard (e (#t (error-object-message e))) (char-upcase "a"))) (newline)

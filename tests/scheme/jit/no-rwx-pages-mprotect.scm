; W^X with the fallback code memory (KILN_JIT_CODE_MEMORY=protect, used
; where dual mapping is unavailable): code pages are read+execute and are
; made read+write, never both, only while code is copied in.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (make-counter) (let ((n 0)) (lambda () (set! n (+ n 1)) n)))
(define counter (make-counter))
(jit-compile! fib)
(jit-compile! counter)
(display (fib 20)) (newline)
(counter)
(display (counter)) (newline)

;; The permissions field of a /proc/self/maps line: "r-xp", "rw-s", ...
(define (permissions line)
  (let loop ((i 0))
    (cond ((= i (string-length line)) "")
          ((char=? (string-ref line i) #\space) (substring line (+ i 1) (+ i 5)))
          (else (loop (+ i 1))))))

(define (writable-and-executable? perms)
  (and (char=? (string-ref perms 1) #\w) (char=? (string-ref perms 2) #\x)))

(define maps
  (call-with-input-file "/proc/self/maps"
    (lambda (port)
      (let loop ((acc '()))
        (let ((line (read-line port)))
          (if (eof-object? line) (reverse acc) (loop (cons line acc))))))))

(display (if (> (length maps) 5) "read /proc/self/maps" "could not read /proc/self/maps")) (newline)
(define bad (let loop ((l maps) (acc '()))
              (cond ((null? l) (reverse acc))
                    ((writable-and-executable? (permissions (car l))) (loop (cdr l) (cons (car l) acc)))
                    (else (loop (cdr l) acc)))))
(display "writable+executable mappings: ") (display (length bad)) (newline)
(for-each (lambda (line) (display line) (newline)) bad)

;;; strbuild: string building and character work: number->string,
;;; string-append, make-string/string-set!, list->string, string ports,
;;; char case mapping and comparisons.
;;; quick: 100 2 => 19564
;;; default: 10000 200 => 46957390
(define (reverse-string s)
  (let* ((n (string-length s)) (r (make-string n #\space)))
    (do ((i 0 (+ i 1))) ((= i n) r)
      (string-set! r i (string-ref s (- n i 1))))))

(define (upcase-string s)
  (list->string (map char-upcase (string->list s))))

(define (palindrome? s)
  (let loop ((i 0) (j (- (string-length s) 1)))
    (or (>= i j)
        (and (char=? (string-ref s i) (string-ref s j))
             (loop (+ i 1) (- j 1))))))

;; Build "w<i>x" words, join them through a string port, then scan.
(define (round1 n k)
  (let ((out (open-output-string)))
    (do ((i 0 (+ i 1))) ((= i n))
      (let* ((w (string-append "w" (number->string (+ i k)) "x"))
             (w (if (even? i) (upcase-string w) w)))
        (display (reverse-string w) out)
        (write-char #\space out)))
    (let* ((s (get-output-string out)) (len (string-length s)))
      (let loop ((i 0) (upper 0) (digits 0) (pal 0))
        (if (= i len)
            (+ upper digits (* 1000 pal) len)
            (let ((c (string-ref s i)))
              (loop (+ i 1)
                    (if (char-upper-case? c) (+ upper 1) upper)
                    (if (char-numeric? c) (+ digits 1) digits)
                    (if (and (char=? c #\space) (palindrome? (number->string i))) (+ pal 1) pal))))))))

(define (run n reps)
  (let loop ((k 0) (total 0))
    (if (= k reps) total (loop (+ k 1) (+ total (round1 n k))))))

(bench-result (run (bench-arg 0 10000) (bench-arg 1 200)))

;;; wordcount: generate pseudo-random text from syllables, split it into
;;; words by scanning characters, count words in a hash table keyed by
;;; strings; substring, char tests, string hashing.
;;; quick: 1000 2 => (456 35)
;;; default: 200000 25 => ?
(define syllables (vector "ka" "lo" "mi" "ne" "ru" "sa" "ti" "vo" "ze" "qu" "an" "el"))

(define (generate-text nwords seed)
  (let ((out (open-output-string)))
    (let loop ((i 0) (s seed))
      (if (= i nwords)
          (get-output-string out)
          (let* ((s (modulo (* s 48271) 2147483647))
                 (nsyl (+ 1 (modulo s 3))))
            (let syl ((j 0) (s s))
              (if (= j nsyl)
                  (begin (write-char (if (= 0 (modulo i 17)) #\newline #\space) out)
                         (loop (+ i 1) s))
                  (let ((s (modulo (* s 48271) 2147483647)))
                    (display (vector-ref syllables (modulo (quotient s 7) 12)) out)
                    (syl (+ j 1) s)))))))))

(define (count-words text)
  (let ((table (make-table)) (n (string-length text)))
    (let loop ((i 0) (start 0) (distinct 0) (best 0))
      (if (= i n)
          (list distinct best)
          (if (char-alphabetic? (string-ref text i))
              (loop (+ i 1) start distinct best)
              (if (= i start)
                  (loop (+ i 1) (+ i 1) distinct best)
                  (let* ((w (substring text start i))
                         (c (+ 1 (table-ref table w 0))))
                    (table-set! table w c)
                    (loop (+ i 1) (+ i 1)
                          (if (= c 1) (+ distinct 1) distinct)
                          (if (> c best) c best)))))))))

(define (run nwords reps)
  (let loop ((r 0) (result '()))
    (if (= r reps)
        result
        (loop (+ r 1) (count-words (generate-text nwords (+ r 1)))))))

(bench-result (run (bench-arg 0 200000) (bench-arg 1 25)))

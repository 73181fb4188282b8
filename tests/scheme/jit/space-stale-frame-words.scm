; no-gc-stress: builds lists of 400,000 pairs 110 times
;; Safe for space across the switch from the VM to machine code: the
;; .env caps the heap at 16 MiB, where one 400,000-pair list (6.4 MB) fits
;; and two do not. `length` is handed each list and returns; a word that
;; still points to it must not stay visible to the collector while `build`
;; makes the next one. Two such words did, once f1 (frame smaller than the
;; VM's) was compiled and called `use-big` with no call before it (its
;; record calls inline, jit/record_calls.cpp):
;;  - build's outgoing area, never written by its loop, held the list the
;;    VM's use-big had staged there for length: a C call that stages
;;    nothing now says so, and the collector skips the area (live_stack_top);
;;  - build's slot 0: a known call of code that never reads its closure
;;    stores none there; it is now cleared when the frame is claimed.
(define-record-type rec (mk big small) rec? (big rec-big) (small rec-small set-rec-small!))
(define (build n acc) (if (= n 0) acc (build (- n 1) (cons n acc))))
(define (use-big) (length (build 400000 '())))
(define (f1 n) (let ((b (mk n 1))) (let ((s (rec-small b))) (+ s (use-big)))))
(define (loop f i) (if (< i 110) (begin (f 1) (loop f (+ i 1)))))
(loop f1 0)
(display (f1 1)) (newline)

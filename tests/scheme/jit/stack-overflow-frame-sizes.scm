;; Machine code checks a frame of at most kSmallFrameValues (64) values by
;; its fp alone (runtime/thread.h) and a larger one by its end: both kinds
;; of deep recursion overflow into a caught "stack overflow", entered
;; through a direct self call, a known call and an unknown call, and a frame
;; just under the limit still runs.
(define (message thunk) (guard (e ((error-object? e) (error-object-message e))) (thunk)))
(define (sum70 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a15 a16 a17 a18 a19 a20 a21 a22 a23 a24 a25 a26 a27 a28 a29 a30 a31 a32 a33 a34 a35 a36 a37 a38 a39 a40 a41 a42 a43 a44 a45 a46 a47 a48 a49 a50 a51 a52 a53 a54 a55 a56 a57 a58 a59 a60 a61 a62 a63 a64 a65 a66 a67 a68 a69) (+ a0 a69))
;; Frames of more than 64 values: 70 outgoing arguments.
(define (big n) (if (= n 0) 0 (+ 1 (sum70 (+ n 0) (+ n 1) (+ n 2) (+ n 3) (+ n 4) (+ n 5) (+ n 6) (+ n 7) (+ n 8) (+ n 9) (+ n 10) (+ n 11) (+ n 12) (+ n 13) (+ n 14) (+ n 15) (+ n 16) (+ n 17) (+ n 18) (+ n 19) (+ n 20) (+ n 21) (+ n 22) (+ n 23) (+ n 24) (+ n 25) (+ n 26) (+ n 27) (+ n 28) (+ n 29) (+ n 30) (+ n 31) (+ n 32) (+ n 33) (+ n 34) (+ n 35) (+ n 36) (+ n 37) (+ n 38) (+ n 39) (+ n 40) (+ n 41) (+ n 42) (+ n 43) (+ n 44) (+ n 45) (+ n 46) (+ n 47) (+ n 48) (+ n 49) (+ n 50) (+ n 51) (+ n 52) (+ n 53) (+ n 54) (+ n 55) (+ n 56) (+ n 57) (+ n 58) (+ n 59) (+ n 60) (+ n 61) (+ n 62) (+ n 63) (+ n 64) (+ n 65) (+ n 66) (+ n 67) (+ n 68) (+ n 69)) (big (- n 1)))))
(define (small n) (if (= n 0) 0 (+ 1 (small (- n 1)))))
(define (via f n) (if (= n 0) 0 (+ 1 (f f (- n 1)))))
(write (big 1000)) (newline)
(write (message (lambda () (big 100000000)))) (newline)
(write (message (lambda () (small 100000000)))) (newline)
(write (message (lambda () (via via 100000000)))) (newline)
(write (list (big 10) (small 10) (via via 10))) (newline)
(write (message (lambda () (big 100000000)))) (newline)

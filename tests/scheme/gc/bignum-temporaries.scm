;; GMP's large temporaries (multiplying numbers of 100,000 bits and more)
;; are chained through their first words; they were allocated as
;; pointer-free blocks, so a collection in the middle of a multiplication
;; freed the chain and GMP crashed or looped walking it (found by
;; scripts/fuzz-tiers: a loop squaring a number). KILN_GC_STRESS (.env)
;; collects at every few allocations, GMP's included.
(define (big bits) (- (expt 3 (quotient bits 2)) 1))
(define (check a b)
  ;; exact results, checked against a modulus computed independently
  (let ((p (* a b)) (m 1000000007))
    (= (modulo p m) (modulo (* (modulo a m) (modulo b m)) m))))
(for-each (lambda (bits)
            (let ((a (big bits)) (b (+ (big bits) 12345)))
              (write (list bits (check a b) (check a a)))
              (newline)))
          '(200000 300000 400000 600000))

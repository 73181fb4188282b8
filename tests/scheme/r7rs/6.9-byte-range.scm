; bytevector-u8-set! with a value above 255 is an error.
(define bv (make-bytevector 2 0))
(bytevector-u8-set! bv 0 256)

; bytevector-copy! past the end of the destination is an error.
(bytevector-copy! (make-bytevector 2 0) 0 #u8(1 2 3))

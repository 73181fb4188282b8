; make-bytevector with a fill that is not a byte is an error.
(make-bytevector 2 -1)

; Kiln has no complex numbers (see tests/KNOWN-FAILURES): the square root of
; a negative real is a clear error rather than +2.0i.
(display (sqrt 4)) (newline)
(sqrt -4.0)

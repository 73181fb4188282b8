; A non-real result is a clear error: Kiln has no non-real numbers.
(make-rectangular 1 2)

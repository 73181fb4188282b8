; exact-integer-sqrt requires a non-negative exact integer.
(exact-integer-sqrt -1)

; even? of a non-integer is an error.
(even? 1.5)

; integer->char of a surrogate code point is an error.
(display (char->integer (integer->char #xD7FF))) (newline)
(integer->char #xD800)

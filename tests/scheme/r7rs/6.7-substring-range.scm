; substring with end before start is an error.
(substring "hello" 3 2)

; string-append of a non-string names the argument.
(string-append "a" 'b)

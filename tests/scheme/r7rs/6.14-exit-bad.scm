; (exit) with an object that is not an integer or boolean: unspecified by
; R7RS; Kiln exits with failure status 1.
(exit 'bad)

#!/usr/bin/env kiln
; A script line at the top is skipped, so programs can be executables.
(display "shebang ok")
(newline)

; current-output-port's converter rejects a value that is not an output port.
(parameterize ((current-output-port (open-input-string "x"))) (display "no"))

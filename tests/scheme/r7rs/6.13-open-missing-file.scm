; Opening a file that does not exist raises a file error (uncaught here):
; the message names the procedure and the file.
(open-input-file "/nonexistent/kiln-no-such-file")

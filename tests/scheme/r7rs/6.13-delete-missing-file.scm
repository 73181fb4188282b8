; delete-file of a missing file is a file error.
(delete-file "/nonexistent/kiln-no-such-file")

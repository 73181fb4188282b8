; char<? with a non-character names the procedure.
(char<? #\a "b")

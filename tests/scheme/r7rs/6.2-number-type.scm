; Arithmetic on a non-number names the procedure and the argument position.
(* 2 "3")

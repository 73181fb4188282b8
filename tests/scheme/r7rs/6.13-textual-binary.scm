; read-u8 from a textual string port is an error.
(read-u8 (open-input-string "abc"))

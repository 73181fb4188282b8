; exact of a NaN or an infinity is an error naming the procedure.
(exact +inf.0)

; apply's last argument must be a list.
(apply + 1 2)

(list-tail '(a b c) 4)

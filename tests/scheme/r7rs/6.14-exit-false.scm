; (exit #f) is failure: status 1.
(exit #f)

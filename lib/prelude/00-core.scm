;; Kiln prelude: builtin procedures written in Scheme.

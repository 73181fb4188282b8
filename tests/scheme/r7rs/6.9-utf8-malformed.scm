; utf8->string of malformed UTF-8: R7RS leaves this unspecified; Kiln
; decodes each malformed sequence as U+FFFD (the replacement character)
; rather than failing, as its file ports do.
(write (utf8->string #u8(#xC3 #x28))) (newline)
(write (map char->integer (string->list (utf8->string #u8(#xff 65))))) (newline)

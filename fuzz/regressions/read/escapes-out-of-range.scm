"\x41;\x110000;\xD800;" "\
   x" #\x110000 #\xD800 #\nonesuch |a\x7C;b| |\x;|
# Concatenates the files in IN (a list) into one C++ raw string literal.
set(CONTENT "")
foreach(f ${IN})
  file(READ ${f} PART)
  string(APPEND CONTENT ";; ---- ${f}\n" "${PART}\n")
endforeach()
file(WRITE ${OUT} "R\"KILN_EMBED(${CONTENT})KILN_EMBED\"")

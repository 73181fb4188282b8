# Concatenates the files in IN (paths separated by "|") into one C++ raw
# string literal.
string(REPLACE "|" ";" IN "${IN}")
set(CONTENT "")
foreach(f ${IN})
  file(READ ${f} PART)
  string(APPEND CONTENT ";; ---- ${f}\n" "${PART}\n")
endforeach()
file(WRITE ${OUT} "R\"KILN_EMBED(${CONTENT})KILN_EMBED\"")

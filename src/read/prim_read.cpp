// Primitives that expose the reader to Scheme. `read` on ports is built on
// these by the lead (it needs the port layer); they read from strings.
#include "read/reader.h"
#include "runtime/primitive.h"

namespace kiln {

KILN_PRIMITIVE(prim_read_string_all, "%read-string-all", 1, 1,
               "(%read-string-all str): the list of every datum written in the string str; "
               "raises a read-error on bad syntax.") {
  return read_all(string_to_utf8(a.string(0)), kFalse);
}

KILN_PRIMITIVE(prim_string_to_datum, "%string->datum", 1, 1,
               "(%string->datum str): the first datum written in the string str, or the eof "
               "object if it holds none; raises a read-error on bad syntax.") {
  std::string text = string_to_utf8(a.string(0));  // the Reader only views it
  Reader reader(text, kFalse);
  return reader.read();
}

}  // namespace kiln

// Fuzz target `read`: the reader on arbitrary bytes. Every datum is read
// until the end or the first read error, twice: with a file name (source
// locations recorded, messages "file:line:col") and without (as `read` and
// string->datum do at run time). A read error is the expected answer to
// bad input; a crash, a hang, a sanitizer report or any C++ exception
// other than a Scheme raise is a bug.
#include <string_view>

#include "harness.h"
#include "read/reader.h"
#include "runtime/error.h"
#include "runtime/heap.h"

using namespace kiln;

namespace {

void read_everything(std::string_view text, Value file_name) {
  Reader reader(text, file_name, 1);
  try {
    while (reader.read() != kEof) {
    }
  } catch (const SchemeRaise&) {
    // A read error, with its message in g_thread->pending: expected.
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  read_everything(text, make_string("<fuzz>"));
  read_everything(text, kFalse);
  fuzz::finish_input();
  return 0;
}

// Running programs, and the primitives under eval and load. See load.h.
//
// eval cannot be a primitive that runs code (primitives do not re-enter the
// VM), so it is split: %compile expands and compiles (visiting libraries and
// queueing their bodies), and the prelude's `eval` runs the queued bodies
// and then the compiled thunk, as ordinary Scheme calls.
#include "vm/load.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "expand/library.h"
#include "read/reader.h"
#include "runtime/env.h"
#include "runtime/error.h"
#include "runtime/primitive.h"
#include "vm/eval.h"
#include "vm/interp.h"

namespace kiln {

namespace {

/// A top-level form that ends in a call to a Scheme procedure tail-calls it,
/// so the form has no frame left when that procedure raises: the backtrace
/// of `(vector-map car 5)` named only "vector-map (<prelude>)", nowhere in
/// the program. Adds the form itself as the outermost frame then. The call
/// stays a tail call: keeping the top-level frame instead would also keep
/// its temporaries, e.g. the head of a stream the callee walks (R7RS 4.2.5).
void add_form_to_backtrace(Value form) {
  Value lines = g_thread->pending_backtrace;  // innermost first
  SrcLoc loc = srcloc_of(form);
  if (!is_pair(lines) || !loc.known()) return;
  Value last = lines;
  while (is_pair(cdr(last))) last = cdr(last);
  if (string_to_utf8(car(last)).rfind("<toplevel>", 0) == 0) return;  // its frame is there
  set_cdr(last, cons(vm::backtrace_line("<toplevel>", loc), kNil));
}

}  // namespace

Value run_program(std::string_view text, std::string_view file_name, Value* env) {
  Value result = kUnspecified;
  Reader reader(text, make_string(file_name), 1);
  for (;;) {
    Value form;
    try {
      form = reader.read();
    } catch (const SchemeRaise&) {
      return kRaise;
    }
    if (form == kEof) return result;
    Value where = *env;
    if (where == kFalse) {
      if (is_define_library_form(form)) {
        where = make_environment(intern("library-declarations"));  // define-library binds nothing
      } else {
        *env = is_import_form(form) ? make_environment(intern("program")) : make_program_environment();
        set_interaction_environment(*env);
        where = *env;
      }
    }
    result = eval_form(form, where);
    if (result == kRaise) {
      add_form_to_backtrace(form);
      return kRaise;
    }
  }
}

KILN_PRIMITIVE(prim_compile, "%compile", 2, 2,
               "(%compile expr env): expr compiled in the environment env into a thunk, not yet run. "
               "Bodies of libraries it imports are queued (%take-library-init).") {
  // Only the prelude's eval calls this: a bad environment is eval's argument 2.
  if (!has_type(a[1], Type::Environment)) type_error("eval", 2, "environment", a[1]);
  return compile_toplevel(a[0], a[1]);
}

KILN_PRIMITIVE(prim_read_file_forms, "%read-file-forms", 1, 1,
               "(%read-file-forms path): every datum of the file, as a list, with source locations "
               "recorded (for load); raises a file-error if it cannot be read.") {
  // Only the prelude's load calls this: a bad path is load's argument 1.
  if (!is_string(a[0])) type_error("load", 1, "string", a[0]);
  std::string path = string_to_utf8(a.string(0));
  std::string text;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) error_of_kind("file-error", "load: cannot open " + path + ": " + std::strerror(errno), {a[0]});
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  return read_all(text, make_string(path));
}

}  // namespace kiln

// Fuzz target `compile`: the whole compiler on arbitrary bytes, without
// running anything (so inputs that would loop forever are fine). Each
// top-level form goes through read -> expand -> analyze -> ir::build ->
// ir::verify -> vm::emit, and the JIT generates (but does not install)
// machine code for every function made, once as compile() would without
// speculation and once speculating flonums everywhere (jit/dry_run.cpp).
// Read and syntax errors are the expected answer to bad input; a crash, a
// hang, a sanitizer report, a C++ exception other than a Scheme raise, or a
// verifier failure is a bug (the last aborts with the IR printed).
//
// Forms are compiled, not run, so a definition's value never exists; macros
// do (define-syntax is done by the expander), as do libraries: a
// define-library form registers its library, and imports compile the
// bodies of the libraries they load, which are checked like the forms.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "analyze/analyze.h"
#include "expand/expander.h"
#include "expand/library.h"
#include "harness.h"
#include "ir/build.h"
#include "jit/jit.h"
#include "read/reader.h"
#include "runtime/env.h"
#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/proto.h"
#include "vm/emit.h"
#include "vm/eval.h"

using namespace kiln;

namespace {

[[noreturn]] void compiler_bug(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "kiln fuzz: compiler bug: %s\n%s", what.c_str(), detail.c_str());
  std::abort();
}

/// Runs the JIT's code generation on `p` and every function nested in it
/// (the Protos among its constants, and those of closed lambdas' closures).
void generate_all(Proto* top) {
  std::unordered_set<Proto*> seen;  // Protos are reachable from `top`, on the C stack
  gc_vector<Value> work;
  work.push_back(Value::object(top));
  while (!work.empty()) {
    Proto* p = work.back().as<Proto>();
    work.pop_back();
    if (!seen.insert(p).second) continue;
    using jit::DrySpeculation;
    for (DrySpeculation speculate : {DrySpeculation::kNone, DrySpeculation::kFlonums, DrySpeculation::kFixnums}) {
      std::string problem = jit::generate_only(p, speculate);
      const char* how = speculate == DrySpeculation::kNone      ? ""
                        : speculate == DrySpeculation::kFlonums ? " (speculating on flonums)"
                                                                : " (speculating on fixnums)";
      if (!problem.empty())
        compiler_bug("JIT code generation of " + proto_display_name(p) + how, problem + "\n");
    }
    for (uint32_t i = 0; i < p->num_constants; ++i) {
      Value c = p->constants[i];
      if (is_proto(c)) work.push_back(c);
      if (is_closure(c)) work.push_back(Value::object(c.as<Closure>()->proto));
    }
  }
}

/// One top-level form, as eval.cpp's compile_form does it, but checked
/// everywhere and never run. The IR is freed afterwards (the Protos made
/// from it are garbage then).
void compile_form(Value form, Value env) {
  ast::Node* body = expand_toplevel(form, env);
  auto* top = gc_make<ast::Lambda>(body->loc);
  top->body = body;
  top->name = intern("<toplevel>");
  analyze(top);
  std::unique_ptr<ir::Function> f = ir::build(top);
  std::string problem = ir::verify(*f);
  if (!problem.empty()) compiler_bug("IR verifier: " + problem, ir::dump(*f));
  generate_all(vm::emit(*f));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Reader reader(text, make_string("<fuzz>"), 1);
  Value env = kFalse;  // chosen at the first form, as run_program does (vm/load.h)
  for (;;) {
    Value form;
    try {
      form = reader.read();
    } catch (const SchemeRaise&) {
      break;  // a read error ends the input, as it ends a program
    }
    if (form == kEof) break;
    Value where = env;
    if (where == kFalse) {
      if (is_define_library_form(form)) {
        where = make_environment(intern("library-declarations"));
      } else {
        env = is_import_form(form) ? make_environment(intern("program")) : make_program_environment();
        where = env;
      }
    }
    try {
      compile_form(form, where);
    } catch (const SchemeRaise&) {
      // A syntax error: expected. Later forms are still compiled (a REPL
      // goes on after one).
    }
    // Library bodies the form imported: compiled by the expander into
    // closures, which are checked here and never run.
    for (Value init = library_take_pending_init(); init != kFalse; init = library_take_pending_init())
      if (is_closure(init)) generate_all(init.as<Closure>()->proto);
  }
  fuzz::finish_input();
  return 0;
}

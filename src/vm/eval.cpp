#include "vm/eval.h"

#include <cstdio>
#include <cstdlib>

#include "analyze/analyze.h"
#include "expand/expander.h"
#include "expand/library.h"
#include "ir/build.h"
#include "jit/jit.h"
#include "runtime/gc.h"
#include "runtime/tier.h"
#include "read/reader.h"
#include "runtime/env.h"
#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/port.h"
#include "runtime/printer.h"
#include "runtime/thread.h"
#include "vm/emit.h"
#include "vm/interp.h"
#include "vm/load.h"

namespace kiln {

namespace {

const char kPrelude[] =
#include "prelude.inc"
    ;

/// Compiles one form into a zero-argument top-level closure; raises
/// (SchemeRaise) on syntax errors.
Value compile_form(Value form, Value env, std::string* ir_text) {
  ast::Node* body = expand_toplevel(form, env);
  auto* top = gc_make<ast::Lambda>(body->loc);
  top->body = body;
  top->name = intern("<toplevel>");
  analyze(top);
  auto f = ir::build(top);
  if (ir::verify_enabled()) {
    std::string problem = ir::verify(*f);
    if (!problem.empty()) {
      std::fprintf(stderr, "kiln: internal error: IR verifier: %s\n%s", problem.c_str(), ir::dump(*f).c_str());
      std::abort();
    }
  }
  if (ir_text) *ir_text += ir::dump(*f);
  Value closure = vm::make_toplevel_closure(vm::emit(*f));
  // The Protos keep pointers into the IR for the JIT, which may compile
  // them at any later call: the IR lives as long as the program.
  f.release();
  return closure;
}

Value procedure_name(Value proc) {
  if (is_closure(proc)) return proc.as<Closure>()->proto->name;
  if (is_primitive(proc)) return intern(proc.as<Primitive>()->name);
  return kFalse;
}

}  // namespace

void kiln_init() {
  runtime_init();
  expander_init();
  vm::interp_init();
  jit::jit_init();
  if (const char* threshold = std::getenv("KILN_JIT_THRESHOLD"))
    g_tier.threshold = static_cast<uint32_t>(std::strtoul(threshold, nullptr, 10));
  g_procedure_name = procedure_name;
  g_library_compile = [](Value form, Value env) { return compile_form(form, env, nullptr); };
  Value env = builtin_environment();
  if (eval_text(kPrelude, "<prelude>", env) == kRaise) {
    report_uncaught(g_thread->pending);
    std::fprintf(stderr, "kiln: internal error: the prelude failed to load\n");
    std::exit(70);
  }
  gc_begin_stress();
}

Value make_program_environment() {
  Value env = make_environment(intern("program"));
  env_import_all(env, builtin_environment());
  return env;
}

Value compile_toplevel(Value form, Value env) { return compile_form(form, env, nullptr); }

Value run_library_inits() {
  for (Value init = library_take_pending_init(); init != kFalse; init = library_take_pending_init())
    if (vm::apply(*g_thread, init, nullptr, 0) == kRaise) return kRaise;
  return kUnspecified;
}

Value eval_form(Value form, Value env) {
  Value closure;
  try {
    closure = compile_form(form, env, nullptr);
  } catch (const SchemeRaise&) {
    return kRaise;
  }
  // Libraries the form imported run first (expand/library.h).
  if (run_library_inits() == kRaise) return kRaise;
  return vm::apply(*g_thread, closure, nullptr, 0);
}

Value eval_text(std::string_view text, std::string_view file_name, Value env) {
  return run_program(text, file_name, &env);  // env is given: no environment is chosen
}

std::string dump_ir_of_text(std::string_view text, std::string_view file_name, Value env, bool* failed) {
  std::string out;
  *failed = false;
  Reader reader(text, make_string(file_name), 1);
  try {
    for (;;) {
      Value form = reader.read();
      if (form == kEof) break;
      Value closure = compile_form(form, env, &out);
      if (vm::apply(*g_thread, closure, nullptr, 0) == kRaise) {
        *failed = true;
        break;
      }
    }
  } catch (const SchemeRaise&) {
    *failed = true;
  }
  return out;
}

namespace {

/// The listing of every function nested in `p`, depth first in source order.
void disassemble_nested(const Proto* p, std::string* out) {
  for (uint32_t i = 0; i < p->num_constants; ++i) {
    if (!is_proto(p->constants[i])) continue;
    Proto* child = p->constants[i].as<Proto>();
    *out += jit::disassemble(child) + "\n";
    disassemble_nested(child, out);
  }
}

}  // namespace

std::string disasm_of_text(std::string_view text, std::string_view file_name, Value env, bool* failed) {
  gc_vector<Value> toplevels;  // keeps the Protos alive until they are listed
  *failed = false;
  Reader reader(text, make_string(file_name), 1);
  try {
    for (;;) {
      Value form = reader.read();
      if (form == kEof) break;
      Value closure = compile_form(form, env, nullptr);
      toplevels.push_back(closure);
      if (run_library_inits() == kRaise || vm::apply(*g_thread, closure, nullptr, 0) == kRaise) {
        *failed = true;
        break;
      }
    }
  } catch (const SchemeRaise&) {
    *failed = true;
  }
  std::string out;
  for (Value closure : toplevels) disassemble_nested(closure.as<Closure>()->proto, &out);
  return out;
}

namespace {

/// An irritant as `write` shows it, or a note when even that fails (a datum
/// nested too deeply to print): reporting an error must not raise another.
std::string irritant_text(Value v) {
  try {
    return write_to_string(v);
  } catch (const SchemeRaise&) {
    g_thread->pending = kFalse;
    return "#<datum too deep to print>";
  }
}

}  // namespace

void report_uncaught(Value obj) {
  flush_standard_ports();
  std::string text;
  if (is_error_object(obj)) {
    auto* e = obj.as<ErrorObject>();
    text = "error: " + string_to_utf8(e->message);
    const char* sep = text.back() == ':' || text == "error: " ? " " : ": ";
    for (Value i = e->irritants; is_pair(i); i = cdr(i), sep = " ") text += sep + irritant_text(car(i));
  } else {
    text = "error: non-error object raised: " + write_to_string(obj);
  }
  std::fprintf(stderr, "%s\n", text.c_str());
  for (Value l = g_thread->pending_backtrace; is_pair(l); l = cdr(l)) {
    std::string frame = string_to_utf8(car(l));
    std::fprintf(stderr, frame.rfind("...", 0) == 0 ? "  %s\n" : "  at %s\n", frame.c_str());
  }
  g_thread->pending = kFalse;
  g_thread->pending_backtrace = kNil;
}

}  // namespace kiln

// The `kiln` command: run a program, evaluate an expression, or start the
// REPL. Exit codes follow sysexits(3) so scripts can tell failures apart.
#include <editline/readline.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "read/reader.h"
#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/port.h"
#include "runtime/printer.h"
#include "runtime/system.h"
#include "runtime/thread.h"
#include "vm/eval.h"
#include "vm/load.h"
#include "expand/library.h"

namespace {

using namespace kiln;

constexpr int kExitUsage = 64;     // EX_USAGE: bad command line
constexpr int kExitDataErr = 65;   // EX_DATAERR: read or syntax error in the program
constexpr int kExitNoInput = 66;   // EX_NOINPUT: the program file cannot be read
constexpr int kExitSoftware = 70;  // EX_SOFTWARE: an uncaught runtime error

const char kUsage[] =
    "usage: kiln [options] [FILE [ARG ...]]\n"
    "\n"
    "Runs FILE as an R7RS program, or starts the REPL when no FILE is given.\n"
    "\n"
    "options:\n"
    "  -e EXPR        evaluate EXPR (and any further -e) and print the last value\n"
    "  -I DIR         search DIR for libraries before the default path\n"
    "  -A DIR         search DIR for libraries after the default path\n"
    "  --dump-ir      print the IR of each top-level form of FILE (and run it)\n"
    "  --jit=MODE     off: bytecode VM only; eager: compile before the first run;\n"
    "                 N: tier up after N calls or loop iterations (default 100)\n"
    "  --stats        print execution statistics at exit\n"
    "  --version      print the version and exit\n"
    "  --help         print this help and exit\n"
    "\n"
    "Libraries (a b) are found as a/b.sld in: the -I directories, the program's\n"
    "directory (the current directory for -e and the REPL), each directory of\n"
    "$KILN_LIBRARY_PATH (colon-separated), then the -A directories.\n"
    "\n"
    "exit status: 0 success, 64 usage, 65 read/syntax error, 66 missing file,\n"
    "70 uncaught error, or the value given to (exit).\n";

/// The exit status for an uncaught exception: syntax and read errors are
/// errors in the program text, everything else happened at run time.
int status_for(Value obj) {
  if (is_error_object(obj)) {
    std::string kind = symbol_to_utf8(obj.as<ErrorObject>()->kind);
    if (kind == "syntax-error" || kind == "read-error") return kExitDataErr;
  }
  return kExitSoftware;
}

int fail_with_uncaught() {
  Value obj = g_thread->pending;
  int status = status_for(obj);
  report_uncaught(obj);
  return status;
}

bool read_file(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  *text = buf.str();
  return true;
}

void print_value(Value v) {
  if (v == kUnspecified) return;
  if (is_values(v)) {
    auto* vals = v.as<Values>();
    for (uint64_t i = 0; i < vals->size(); ++i) std::printf("%s\n", write_to_string(vals->items[i]).c_str());
    return;
  }
  std::printf("%s\n", write_to_string(v).c_str());
}

int repl(Value env) {
  std::string history = std::string(std::getenv("HOME") ? std::getenv("HOME") : ".") + "/.kiln_history";
  read_history(history.c_str());
  std::printf("Kiln %s — R7RS Scheme. Ctrl-D exits.\n", KILN_VERSION);
  std::string pending;
  for (;;) {
    flush_standard_ports();
    char* line = readline(pending.empty() ? "kiln> " : "  ... ");
    if (!line) break;
    if (*line) add_history(line);
    pending += line;
    pending += '\n';
    std::free(line);

    Reader reader(pending, make_string("<repl>"), 1);
    bool need_more = false;
    for (;;) {
      Value form;
      try {
        form = reader.read();
      } catch (const SchemeRaise&) {
        if (reader.incomplete()) {
          need_more = true;
          g_thread->pending = kFalse;
        } else {
          fail_with_uncaught();
        }
        break;
      }
      if (form == kEof) break;
      Value v = eval_form(form, env);
      flush_standard_ports();
      if (v == kRaise)
        fail_with_uncaught();
      else
        print_value(v);
    }
    if (!need_more) pending.clear();
  }
  write_history(history.c_str());
  std::printf("\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> exprs;
  std::vector<std::string> lib_prepend, lib_append;
  std::string file;
  bool dump_ir = false;
  int first_arg = argc;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--version") {
      std::printf("kiln %s\n", KILN_VERSION);
      return 0;
    } else if (a == "-e") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "kiln: -e needs an expression\n%s", kUsage);
        return kExitUsage;
      }
      exprs.push_back(argv[++i]);
    } else if (a == "-I" || a == "-A") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "kiln: %s needs a directory\n%s", a.c_str(), kUsage);
        return kExitUsage;
      }
      (a == "-I" ? lib_prepend : lib_append).push_back(argv[++i]);
    } else if (a == "--dump-ir") {
      dump_ir = true;
    } else if (a.rfind("--jit=", 0) == 0) {
      std::string mode = a.substr(6);
      bool number = !mode.empty() && mode.find_first_not_of("0123456789") == std::string::npos;
      if (mode != "off" && mode != "eager" && !number) {
        std::fprintf(stderr, "kiln: bad --jit mode '%s' (expected off, eager or a number)\n", mode.c_str());
        return kExitUsage;
      }
      // Tier 1 is not built yet: every mode runs on the VM.
    } else if (a == "--stats") {
      // Nothing to report until the JIT exists.
    } else if (a == "--") {
      if (i + 1 < argc) {
        file = argv[i + 1];
        first_arg = i + 1;
      }
      break;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "kiln: unknown option '%s'\n%s", a.c_str(), kUsage);
      return kExitUsage;
    } else {
      file = a;
      first_arg = i;
      break;
    }
  }

  kiln_init();
  std::vector<std::string> args;
  args.push_back(file.empty() ? "kiln" : file);
  for (int i = first_arg + 1; i < argc; ++i) args.push_back(argv[i]);
  set_command_line(args);
  std::string program_dir = ".";
  if (!file.empty()) program_dir = file.rfind('/') == std::string::npos ? "." : file.substr(0, file.rfind('/'));
  if (program_dir.empty()) program_dir = "/";
  library_configure_path(lib_prepend, program_dir, lib_append);
  Value env = kFalse;  // made by run_program from the program's first form

  int status = 0;
  if (!exprs.empty()) {
    Value v = kUnspecified;
    for (const std::string& e : exprs) {
      v = run_program(e, "<command line>", &env);
      if (v == kRaise) return fail_with_uncaught();
    }
    flush_standard_ports();
    print_value(v);
  } else if (!file.empty()) {
    std::string text;
    if (!read_file(file, &text)) {
      std::fprintf(stderr, "kiln: cannot read %s: %s\n", file.c_str(), std::strerror(errno));
      return kExitNoInput;
    }
    if (dump_ir) {
      env = make_program_environment();
      bool failed = false;
      std::string ir = dump_ir_of_text(text, file, env, &failed);
      flush_standard_ports();
      std::fputs(ir.c_str(), stdout);
      if (failed) return fail_with_uncaught();
    } else if (run_program(text, file, &env) == kRaise) {
      return fail_with_uncaught();
    }
  } else {
    status = repl(interaction_environment());
  }
  flush_standard_ports();
  return status;
}

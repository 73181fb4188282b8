// The `kiln` command: run a program, evaluate an expression, or start the
// REPL. Exit codes follow sysexits(3) so scripts can tell failures apart.
#include <editline/readline.h>
#include <sys/wait.h>
#include <unistd.h>

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
#include "runtime/tier.h"
#include "vm/continuation.h"
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
    "  --disasm       run FILE, then print the IR and the x86-64 code the JIT\n"
    "                 makes for every lambda in FILE (also: (disassemble proc))\n"
    "  --jit=MODE     off: bytecode VM only; eager: compile before the first run;\n"
    "                 N: tier up after N calls or loop iterations (default 100)\n"
    "  --tier=compare run the program on the VM alone and with every function\n"
    "                 compiled, and report the first divergence (output, errors,\n"
    "                 exit status)\n"
    "  --stats        print JIT statistics (functions compiled and rejected,\n"
    "                 compile time in total and its median and p99 per function,\n"
    "                 code size, VM entries; continuations captured and what\n"
    "                 they allocated and copied) to stderr at exit\n"
    "  --perf-map     write /tmp/perf-PID.map so that `perf report` names\n"
    "                 compiled Scheme functions (as KILN_PERF_MAP=1 does)\n"
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

/// Handles a kRaise that reached the driver: either `exit` (the status it
/// asked for) or an uncaught exception (reported; its status).
int fail_with_uncaught() {
  Value obj = g_thread->pending;
  if (is_exit_request(obj)) {
    g_thread->pending = kFalse;
    flush_standard_ports();
    return g_thread->exit_code;
  }
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

/// One run of this executable with extra options; its outputs and status.
struct RunResult {
  std::string out, err;
  int status = -1;
};

RunResult run_self(const std::vector<std::string>& args) {
  RunResult r;
  char out_name[] = "/tmp/kiln-compare-out-XXXXXX";
  char err_name[] = "/tmp/kiln-compare-err-XXXXXX";
  int out_fd = mkstemp(out_name), err_fd = mkstemp(err_name);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  read_file(out_name, &r.out);
  read_file(err_name, &r.err);
  close(out_fd);
  close(err_fd);
  unlink(out_name);
  unlink(err_name);
  return r;
}

/// The first line where `a` and `b` differ, described; "" if equal.
std::string first_difference(const std::string& what, const std::string& a, const std::string& b) {
  if (a == b) return "";
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool ga = static_cast<bool>(std::getline(sa, la)), gb = static_cast<bool>(std::getline(sb, lb));
    if (!ga && !gb) return what + ": differs in its last line's ending\n";
    if (!ga || !gb || la != lb) {
      return what + " line " + std::to_string(line) + ":\n  vm:  " + (ga ? la : "<end of output>") +
             "\n  jit: " + (gb ? lb : "<end of output>") + "\n";
    }
  }
}

/// --tier=compare: runs the program on the VM alone and in JIT-only mode,
/// and reports the first divergence in output, errors or exit status.
int compare_tiers(int argc, char** argv) {
  std::vector<std::string> base{argv[0]};
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) != "--tier=compare" && std::string(argv[i]).rfind("--jit=", 0) != 0)
      base.push_back(argv[i]);
  auto with = [&](const char* mode) {
    std::vector<std::string> args{base[0], mode};
    args.insert(args.end(), base.begin() + 1, base.end());
    return args;
  };
  RunResult vm = run_self(with("--jit=off")), jit = run_self(with("--jit=eager"));
  std::fputs(vm.out.c_str(), stdout);
  std::fputs(vm.err.c_str(), stderr);
  std::string report = first_difference("stdout", vm.out, jit.out) + first_difference("stderr", vm.err, jit.err);
  if (vm.status != jit.status)
    report += "exit status: vm " + std::to_string(vm.status) + ", jit " + std::to_string(jit.status) + "\n";
  if (report.empty()) {
    std::fprintf(stderr, "kiln: --tier=compare: the VM and the JIT agree\n");
    return vm.status;
  }
  std::fprintf(stderr, "kiln: --tier=compare: the VM and the JIT diverge\n%s", report.c_str());
  return 1;
}

void print_stats() {
  const TierStats& s = g_tier.stats;
  std::fprintf(stderr,
               "kiln stats: jit %s, threshold %u\n"
               "  functions compiled: %llu, rejected: %llu\n"
               "  compile time: %.3f ms total; per function: median %.1f us, p99 %.1f us\n"
               "  code size: %llu bytes\n"
               "  function entries run by the VM: %llu\n"
               "  call sites watching a global: %llu, invalidated: %llu\n"
               "  calls through a variable guarded to inline a builtin primitive: %llu\n"
               "  calls guarded to inline a define-record-type procedure: %llu\n"
               "  compiled guarding arguments as fixnums: %llu; recompiled without speculation: %llu\n",
               g_tier.mode == JitMode::Off ? "off" : g_tier.mode == JitMode::Eager ? "eager" : "tiered",
               g_tier.threshold, static_cast<unsigned long long>(s.compiled),
               static_cast<unsigned long long>(s.rejected), s.compile_ns / 1e6, compile_time_quantile(s, 0.5) / 1e3,
               compile_time_quantile(s, 0.99) / 1e3, static_cast<unsigned long long>(s.code_bytes),
               static_cast<unsigned long long>(s.vm_entries), static_cast<unsigned long long>(s.watched_sites),
               static_cast<unsigned long long>(s.invalidations), static_cast<unsigned long long>(s.primitive_callees),
               static_cast<unsigned long long>(s.record_callees), static_cast<unsigned long long>(s.fixnum_guarded),
               static_cast<unsigned long long>(s.despecialized));
  const vm::ContinuationStats& c = vm::g_continuation_stats;
  auto u = [](uint64_t n) { return static_cast<unsigned long long>(n); };
  std::fprintf(stderr,
               "  continuations captured: %llu (%llu reused, %llu chunks of %llu frames, %llu bytes); "
               "frames resealed: %llu\n"
               "  returns into sealed frames: %llu copied back, %llu intact\n",
               u(c.captures), u(c.reused), u(c.chunks), u(c.frames_saved), u(c.bytes), u(c.resealed), u(c.loads),
               u(c.unseals));
  // For aggregating latency over many runs (scripts/compile-latency): each
  // compilation's time in ns, one a line, appended to the named file.
  if (const char* path = std::getenv("KILN_STATS_TIMES")) {
    if (FILE* out = std::fopen(path, "a")) {
      for (uint64_t ns : s.compile_times_ns) std::fprintf(out, "%llu\n", static_cast<unsigned long long>(ns));
      std::fclose(out);
    }
  }
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
      if (v == kRaise && is_exit_request(g_thread->pending)) {
        write_history(history.c_str());
        return fail_with_uncaught();
      }
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
  bool disasm = false;
  bool stats = false;
  JitMode jit_mode = JitMode::Tiered;
  uint32_t jit_threshold = 0;  // 0: the default, or KILN_JIT_THRESHOLD
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
    } else if (a == "--disasm") {
      disasm = true;
    } else if (a == "--perf-map") {
      setenv("KILN_PERF_MAP", "1", 1);  // read at the first compilation (jit/codegen.cpp)
    } else if (a.rfind("--jit=", 0) == 0) {
      std::string mode = a.substr(6);
      bool number = !mode.empty() && mode.find_first_not_of("0123456789") == std::string::npos;
      if (mode != "off" && mode != "eager" && !number) {
        std::fprintf(stderr, "kiln: bad --jit mode '%s' (expected off, eager or a number)\n", mode.c_str());
        return kExitUsage;
      }
      if (mode == "off") {
        jit_mode = JitMode::Off;
      } else if (mode == "eager") {
        jit_mode = JitMode::Eager;
      } else {
        jit_mode = JitMode::Tiered;
        jit_threshold = static_cast<uint32_t>(std::stoul(mode.substr(0, 9)));
      }
    } else if (a == "--tier=compare") {
      return compare_tiers(argc, argv);
    } else if (a == "--stats") {
      stats = true;
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

  // The prelude compiles with the default mode; the program with the one asked for.
  kiln_init();
  g_tier.mode = jit_mode;
  g_tier.stats = TierStats{};  // report the program, not the prelude
  vm::g_continuation_stats = vm::ContinuationStats{};
  if (jit_threshold) g_tier.threshold = jit_threshold;
  if (stats) std::atexit(print_stats);
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
    if (dump_ir || disasm) {
      env = make_program_environment();
      bool failed = false;
      std::string ir = dump_ir ? dump_ir_of_text(text, file, env, &failed) : disasm_of_text(text, file, env, &failed);
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

// define-library and import: the library registry, finding libraries on the
// search path, visiting them, and binding import sets. See library.h.
#include "expand/library.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "expand/expander_impl.h"
#include "expand/library_impl.h"
#include "read/reader.h"
#include "runtime/primitive.h"
#include "runtime/printer.h"
#include "runtime/srcloc.h"

namespace kiln {

LibraryCompileFn g_library_compile = nullptr;

namespace {

const char kStandardLibraries[] =
#include "stdlib.inc"
    ;

/// A library is a vector with these fields (GC memory, reachable from the
/// registry).
enum LibField : int64_t {
  kName,      // the library name, e.g. (scheme base)
  kDecls,     // its library declarations (the define-library form's tail)
  kExports,   // an Environment: external name -> binding; #f until visited
  kEnv,       // the environment its body is expanded in; #f until visited
  kState,     // a LibState fixnum
  kStandard,  // #t for the libraries compiled into Kiln
  kMissing,   // standard libraries: declared exports Kiln lacks (a list)
  kLibFields
};
enum LibState : int64_t { kDeclared, kVisiting, kVisited };

Value& field(Value lib, LibField f) { return vector_items(lib)[f]; }

/// GC roots: the registry (an Environment from a key symbol to a library),
/// the queue of library bodies waiting to run, and the REPL environment.
struct Roots {
  Value registry;
  Value pending;  // a list, oldest first
  Value interaction;
};
Roots& roots() {
  static Roots* r = [] {
    auto* r = static_cast<Roots*>(gc_alloc_root(sizeof(Roots)));
    r->registry = make_environment(intern("library-registry"));
    r->pending = kNil;
    r->interaction = kFalse;
    return r;
  }();
  return *r;
}

std::vector<std::string>& search_path() {
  static std::vector<std::string> path;
  return path;
}

/// Keys of the libraries being visited, innermost last: an import of one of
/// them is a cycle.
std::vector<std::string>& visiting() {
  static std::vector<std::string> v;
  return v;
}

Value sym(const char* s) { return intern(s); }

Value append2(Value a, Value b) {
  if (is_null(a)) return b;
  return cons(car(a), append2(cdr(a), b));
}

}  // namespace

// --- names and the registry ----------------------------------------------------

std::string library_name_text(Value name) { return write_to_string(name); }

bool is_library_name(Value name) {
  if (list_length(name) <= 0) return false;
  for (Value p = name; is_pair(p); p = cdr(p))
    if (!is_symbol(car(p)) && !(car(p).is_fixnum() && car(p).as_fixnum() >= 0)) return false;
  return true;
}

static Value registry_key(Value name) { return intern(library_name_text(name)); }

static Value make_library(Value name, Value decls, bool standard) {
  Value lib = make_vector(kLibFields, kFalse);
  field(lib, kName) = name;
  field(lib, kDecls) = decls;
  field(lib, kState) = Value::fixnum(kDeclared);
  field(lib, kStandard) = standard ? kTrue : kFalse;
  field(lib, kMissing) = kNil;
  return lib;
}

static void register_library(Expander& x, Value form, bool standard) {
  if (list_length(form) < 2 || !is_library_name(second(form)))
    x.fail(form, "bad syntax, expected (define-library (name part ...) declaration ...) with a name of "
                 "identifiers and exact non-negative integers");
  for (Value d = cdr(cdr(form)); is_pair(d); d = cdr(d))
    if (!is_pair(car(d)) || !is_symbol(car(car(d)))) x.fail(form, "bad library declaration " + write_to_string(car(d)));
  Value key = registry_key(second(form));
  Value old = env_lookup(roots().registry, key);
  if (old != kFalse && field(old, kStandard) == kTrue && !standard)
    x.fail(form, "cannot redefine the standard library " + library_name_text(second(form)));
  env_bind(roots().registry, key, make_library(second(form), cdr(cdr(form)), standard));
}

/// Registers the standard libraries (once): the .sld files compiled in, and
/// (kiln %builtin), whose exports are the builtin environment itself.
static void ensure_standard_libraries() {
  static bool done = false;
  if (done) return;
  done = true;
  Value builtin = make_library(list({sym("kiln"), sym("%builtin")}), kNil, true);
  field(builtin, kExports) = builtin_environment();
  field(builtin, kEnv) = builtin_environment();
  field(builtin, kState) = Value::fixnum(kVisited);
  env_bind(roots().registry, registry_key(field(builtin, kName)), builtin);
  Expander x(builtin_environment());
  for (Value f = read_all(kStandardLibraries, make_string("<standard libraries>")); is_pair(f); f = cdr(f))
    register_library(x, car(f), true);
}

/// The directory of the file `form` was read from, with a trailing '/', or
/// "" when it was not read from a file.
std::string directory_of(Value form) {
  if (!is_pair(form)) return "";
  SrcLoc l = srcloc_of(form);
  if (!l.known() || l.file == 0) return "";
  std::string file = srcloc_file_name(l.file);
  if (file.empty() || file[0] == '<') return "";
  size_t slash = file.rfind('/');
  return slash == std::string::npos ? "" : file.substr(0, slash + 1);
}

bool read_text_file(const std::string& path, std::string* text) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[65536];
  size_t n;
  text->clear();
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text->append(buf, n);
  bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

static std::string relative_path(Value name) {
  std::string rel;
  for (Value p = name; is_pair(p); p = cdr(p)) {
    if (!rel.empty()) rel += '/';
    rel += is_symbol(car(p)) ? symbol_to_utf8(car(p)) : std::to_string(car(p).as_fixnum());
  }
  return rel + ".sld";
}

/// The file that would define `name` on the search path, or "".
static std::string library_file(Value name) {
  std::string rel = relative_path(name);
  for (const std::string& dir : search_path()) {
    std::string path = dir.empty() ? rel : (dir.back() == '/' ? dir + rel : dir + "/" + rel);
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
      std::fclose(f);
      return path;
    }
  }
  return "";
}

bool library_exists(Value name) {
  ensure_standard_libraries();
  return env_lookup(roots().registry, registry_key(name)) != kFalse || !library_file(name).empty();
}

/// The library named `name`, loading its file from the search path if it is
/// not registered yet. `where` is the import form, for messages.
static Value find_library(Expander& x, Value name, Value where) {
  ensure_standard_libraries();
  Value key = registry_key(name);
  Value lib = env_lookup(roots().registry, key);
  if (lib != kFalse) return lib;
  std::string path = library_file(name);
  if (path.empty()) {
    std::string dirs;
    for (const std::string& d : search_path()) dirs += (dirs.empty() ? "" : ", ") + (d.empty() ? std::string(".") : d);
    x.fail(where, "library " + library_name_text(name) + " not found (looked for " + relative_path(name) +
                      " in: " + (dirs.empty() ? "no directories" : dirs) + ")");
  }
  std::string text;
  if (!read_text_file(path, &text)) x.fail(where, "cannot read the library file " + path);
  for (Value f = read_all(text, make_string(path)); is_pair(f); f = cdr(f)) {
    if (!is_define_library_form(car(f)))
      x.fail(car(f), "only define-library forms may appear in the library file " + path);
    register_library(x, car(f), false);
  }
  lib = env_lookup(roots().registry, key);
  if (lib == kFalse) x.fail(where, "the file " + path + " does not define the library " + library_name_text(name));
  return lib;
}

// --- visiting --------------------------------------------------------------------

namespace {

/// What a library's declarations add up to while it is being visited.
struct Visit {
  Value lib;
  Value env;
  gc_vector<Value> body;     // forms of its begin/include declarations
  gc_vector<Value> exports;  // (internal external . declaration) triples
  bool export_extras = false;
};

void declaration(Expander& x, Visit& v, Value decl);

void declarations(Expander& x, Visit& v, Value decls) {
  for (; is_pair(decls); decls = cdr(decls)) declaration(x, v, car(decls));
}

void declaration(Expander& x, Visit& v, Value decl) {
  if (!is_pair(decl) || !is_symbol(car(decl)) || list_length(decl) < 0)
    x.fail(decl, "bad library declaration " + write_to_string(decl));
  std::string head = symbol_to_utf8(car(decl));
  if (head == "export") {
    for (Value s = cdr(decl); is_pair(s); s = cdr(s)) {
      Value spec = car(s);
      if (is_symbol(spec)) {
        v.exports.push_back(cons(spec, cons(spec, decl)));
      } else if (list_length(spec) == 3 && car(spec) == sym("rename") && is_symbol(second(spec)) &&
                 is_symbol(third(spec))) {
        v.exports.push_back(cons(second(spec), cons(third(spec), decl)));
      } else {
        x.fail(decl, "bad export spec " + write_to_string(spec) + ", expected an identifier or (rename internal external)");
      }
    }
  } else if (head == "import") {
    for (Value s = cdr(decl); is_pair(s); s = cdr(s)) import_into(x, v.env, car(s), decl);
  } else if (head == "begin") {
    for (Value f = cdr(decl); is_pair(f); f = cdr(f)) v.body.push_back(car(f));
  } else if (head == "include" || head == "include-ci") {
    for (Value f = read_included_files(x, decl, head == "include-ci"); is_pair(f); f = cdr(f)) v.body.push_back(car(f));
  } else if (head == "include-library-declarations") {
    declarations(x, v, read_included_files(x, decl, false));
  } else if (head == "cond-expand") {
    declarations(x, v, cond_expand_select(x, decl));
  } else if (head == "%export-builtin-extras" && field(v.lib, kStandard) == kTrue) {
    v.export_extras = true;
  } else {
    x.fail(decl, "unknown library declaration " + head +
                     " (expected export, import, begin, include, include-ci, include-library-declarations "
                     "or cond-expand)");
  }
}

/// (kiln): every builtin that no (scheme ...) library and no standard
/// (kiln <part>) library such as (kiln ffi) declares, except the internal
/// %names and the `import` declaration keyword.
void add_builtin_extras(Expander& x, Visit& v, Value decl) {
  Value standard = make_environment(kFalse);  // used as a set of names
  gc_vector<Value> libs;
  env_for_each(roots().registry, [&](Value, Value lib) { libs.push_back(lib); });
  for (Value lib : libs) {
    Value name = field(lib, kName);
    bool kiln_part = car(name) == sym("kiln") && is_pair(cdr(name)) && car(cdr(name)) != sym("%builtin") &&
                     field(lib, kStandard) == kTrue;
    if (car(name) != sym("scheme") && !kiln_part) continue;
    visit_library(x, lib, decl);
    env_for_each(field(lib, kExports), [&](Value name, Value) { env_bind(standard, name, kTrue); });
    for (Value m = field(lib, kMissing); is_pair(m); m = cdr(m)) env_bind(standard, car(m), kTrue);
  }
  env_for_each(builtin_environment(), [&](Value name, Value binding) {
    std::string text = symbol_to_utf8(name);
    if (text.empty() || text[0] == '%' || text == "import" || env_lookup(standard, name) != kFalse) return;
    // Unbound cells are forward references; record types are the prelude's internals.
    if (has_type(binding, Type::Cell) && (as_cell(binding)->value == kUnbound || has_type(as_cell(binding)->value, Type::RecordType)))
      return;
    v.exports.push_back(cons(name, cons(name, decl)));
  });
}

}  // namespace

void visit_library(Expander& x, Value lib, Value where) {
  int64_t state = field(lib, kState).as_fixnum();
  std::string key = library_name_text(field(lib, kName));
  if (state == kVisited) return;
  if (state == kVisiting) {
    std::string chain;
    auto it = std::find(visiting().begin(), visiting().end(), key);
    for (; it != visiting().end(); ++it) chain += *it + " imports ";
    x.fail(where, "import cycle: " + chain + key);
  }
  field(lib, kState) = Value::fixnum(kVisiting);
  visiting().push_back(key);
  try {
    Visit v;
    v.lib = lib;
    v.env = make_environment(field(lib, kName));
    field(lib, kEnv) = v.env;
    declarations(x, v, field(lib, kDecls));
    if (v.export_extras) add_builtin_extras(x, v, field(lib, kDecls));
    if (!v.body.empty()) {
      Value forms = kNil;
      for (size_t i = v.body.size(); i-- > 0;) forms = cons(v.body[i], forms);
      Value closure = g_library_compile(cons(Expander::special(SpecialId::Begin), forms), v.env);
      roots().pending = append2(roots().pending, list({closure}));
    }
    Value exports = make_environment(field(lib, kName));
    Value missing = kNil;
    for (Value e : v.exports) {
      Value internal = car(e), external = car(cdr(e)), decl = cdr(cdr(e));
      Value b = env_lookup(v.env, internal);
      // A standard library's export is missing when it is a builtin that
      // Kiln lacks (a forward reference nothing defined); a variable the
      // library's own body defines is unbound only until the body runs.
      bool absent = b == kFalse || (field(lib, kStandard) == kTrue && has_type(b, Type::Cell) &&
                                    as_cell(b)->value == kUnbound && env_lookup(builtin_environment(), internal) == b);
      if (absent) {
        if (field(lib, kStandard) == kTrue) {
          missing = cons(external, missing);
          continue;
        }
        x.fail(decl, "library " + key + " exports " + symbol_to_utf8(internal) + ", which it neither defines nor imports");
      }
      Value already = env_lookup(exports, external);
      if (already != kFalse && already != b)
        x.fail(decl, "library " + key + " exports two different bindings as " + symbol_to_utf8(external));
      env_import(exports, external, b);
    }
    field(lib, kExports) = exports;
    field(lib, kMissing) = list_reverse(missing);
    field(lib, kState) = Value::fixnum(kVisited);
    visiting().pop_back();
  } catch (...) {
    field(lib, kState) = Value::fixnum(kDeclared);
    visiting().pop_back();
    throw;
  }
}

// --- import sets -------------------------------------------------------------------

/// The bindings an import set names, as an alist of (name . binding).
static Value import_set_bindings(Expander& x, Value set, Value where) {
  if (list_length(set) >= 2 && is_symbol(car(set)) && is_pair(second(set))) {
    std::string kind = symbol_to_utf8(car(set));
    bool only = kind == "only", except = kind == "except", prefix = kind == "prefix", rename = kind == "rename";
    if (only || except || prefix || rename) {
      Value inner = import_set_bindings(x, second(set), where);
      auto missing = [&](Value id) {
        if (is_library_name(second(set)))
          x.fail(where, "import: library " + library_name_text(second(set)) + " does not export " + write_to_string(id));
        x.fail(where, "import: " + write_to_string(id) + " is not in the import set " + write_to_string(second(set)));
      };
      auto lookup = [&](Value id) -> Value {
        for (Value p = inner; is_pair(p); p = cdr(p))
          if (car(car(p)) == id) return car(p);
        return kFalse;
      };
      Value out = kNil;
      if (only) {
        for (Value i = cdr(cdr(set)); is_pair(i); i = cdr(i)) {
          if (!is_symbol(car(i))) x.fail(where, "import: bad identifier in " + write_to_string(set));
          Value entry = lookup(car(i));
          if (entry == kFalse) missing(car(i));
          out = cons(entry, out);
        }
        return out;
      }
      if (except) {
        for (Value i = cdr(cdr(set)); is_pair(i); i = cdr(i))
          if (!is_symbol(car(i)) || lookup(car(i)) == kFalse) missing(car(i));
        for (Value p = inner; is_pair(p); p = cdr(p)) {
          bool dropped = false;
          for (Value i = cdr(cdr(set)); is_pair(i); i = cdr(i)) dropped |= car(i) == car(car(p));
          if (!dropped) out = cons(car(p), out);
        }
        return out;
      }
      if (prefix) {
        if (list_length(set) != 3 || !is_symbol(third(set))) x.fail(where, "import: bad syntax, expected (prefix import-set identifier)");
        std::string pre = symbol_to_utf8(third(set));
        for (Value p = inner; is_pair(p); p = cdr(p))
          out = cons(cons(intern(pre + symbol_to_utf8(car(car(p)))), cdr(car(p))), out);
        return out;
      }
      // rename
      for (Value r = cdr(cdr(set)); is_pair(r); r = cdr(r))
        if (list_length(car(r)) != 2 || !is_symbol(car(car(r))) || !is_symbol(second(car(r))))
          x.fail(where, "import: bad syntax, expected (rename import-set (from to) ...)");
      for (Value r = cdr(cdr(set)); is_pair(r); r = cdr(r))
        if (lookup(car(car(r))) == kFalse) missing(car(car(r)));
      for (Value p = inner; is_pair(p); p = cdr(p)) {
        Value name = car(car(p));
        for (Value r = cdr(cdr(set)); is_pair(r); r = cdr(r))
          if (car(car(r)) == car(car(p))) name = second(car(r));
        out = cons(cons(name, cdr(car(p))), out);
      }
      return out;
    }
  }
  if (!is_library_name(set))
    x.fail(where, "import: bad import set " + write_to_string(set) +
                      ", expected a library name or (only|except|prefix|rename import-set ...)");
  Value lib = find_library(x, set, where);
  visit_library(x, lib, where);
  Value out = kNil;
  env_for_each(field(lib, kExports), [&](Value name, Value b) { out = cons(cons(name, b), out); });
  return out;
}

void import_into(Expander& x, Value env, Value set, Value where) {
  // Point errors at the import set itself when it was read from a file.
  if (is_pair(set) && srcloc_of(set).known()) where = set;
  for (Value p = import_set_bindings(x, set, where); is_pair(p); p = cdr(p))
    env_import(env, car(car(p)), cdr(car(p)));
}

// --- the expander's view ----------------------------------------------------------

bool is_import_form(Value form) { return is_pair(form) && car(form) == intern("import"); }
bool is_define_library_form(Value form) { return is_pair(form) && car(form) == intern("define-library"); }

ast::Node* Expander::library_toplevel(Value form) {
  if (!is_pair(form)) return nullptr;
  Value head = car(form);
  bool import = false;
  if (is_symbol(head)) {
    // import and define-library are declarations rather than bindings: a
    // program that imported only (scheme base) has no binding for them.
    Value b = env_lookup(env_, head);
    if (head == sym("define-library") && b == kFalse) {
      register_library(*this, form, false);
      return gc_make<ast::Const>(loc_of(form), kUnspecified);
    }
    import = head == sym("import") && (b == kFalse || b == special(SpecialId::Import));
  }
  if (!import && (is_symbol(head) || has_type(head, Type::Special))) {
    Value b = is_symbol(head) ? env_lookup(env_, head) : head;
    if (!has_type(b, Type::Special)) return nullptr;
    SpecialId id = b.as<kiln::Special>()->id;
    if (id == SpecialId::CondExpand || id == SpecialId::Include || id == SpecialId::IncludeCi)
      return toplevel(rewrite_splicing(id, form));
    import = id == SpecialId::Import;
  }
  if (!import) return nullptr;
  if (list_length(form) < 0) fail(form, "bad syntax, expected (import import-set ...)");
  for (Value s = cdr(form); is_pair(s); s = cdr(s)) import_into(*this, env_, car(s), form);
  return gc_make<ast::Const>(loc_of(form), kUnspecified);
}

// --- API -------------------------------------------------------------------------------

void library_configure_path(const std::vector<std::string>& prepend, const std::string& program_dir,
                            const std::vector<std::string>& append) {
  auto& path = search_path();
  path = prepend;
  path.push_back(program_dir);
  if (const char* env = std::getenv("KILN_LIBRARY_PATH")) {
    std::string s = env;
    size_t start = 0;
    while (start <= s.size()) {
      size_t colon = s.find(':', start);
      if (colon == std::string::npos) colon = s.size();
      if (colon > start) path.push_back(s.substr(start, colon - start));
      start = colon + 1;
    }
  }
  path.insert(path.end(), append.begin(), append.end());
}

const std::vector<std::string>& library_search_path() { return search_path(); }

Value library_take_pending_init() {
  Value& q = roots().pending;
  if (!is_pair(q)) return kFalse;
  Value closure = car(q);
  q = cdr(q);
  return closure;
}

Value make_import_environment(Value sets, Value name) {
  Value env = make_environment(name);
  Expander x(env);
  for (Value s = sets; is_pair(s); s = cdr(s)) import_into(x, env, car(s), kFalse);
  return env;
}

Value interaction_environment() {
  Value& env = roots().interaction;
  if (env == kFalse) {
    static const char* const kCommon[] = {"base", "case-lambda", "char", "complex", "cxr", "eval", "file", "inexact",
                                          "lazy", "load", "process-context", "read", "repl", "time", "write"};
    Value sets = list({list({sym("kiln")})});
    for (const char* lib : kCommon) sets = cons(list({sym("scheme"), sym(lib)}), sets);
    env = make_import_environment(sets, intern("interaction"));
  }
  return env;
}

void set_interaction_environment(Value env) { roots().interaction = env; }

// --- primitives for the prelude and for tests -------------------------------------------

KILN_PRIMITIVE(prim_take_library_init, "%take-library-init", 0, 0,
               "(%take-library-init): the oldest library body waiting to run (a thunk), removed from "
               "the queue, or #f.") {
  return library_take_pending_init();
}

KILN_PRIMITIVE(prim_library_exports, "%library-exports", 1, 1,
               "(%library-exports name): the names the library `name` exports, sorted.") {
  Expander x(builtin_environment());
  Value lib = find_library(x, a[0], a[0]);
  visit_library(x, lib, a[0]);
  gc_vector<Value> names;
  env_for_each(field(lib, kExports), [&](Value n, Value) { names.push_back(n); });
  std::sort(names.begin(), names.end(), [](Value p, Value q) { return symbol_to_utf8(p) < symbol_to_utf8(q); });
  Value out = kNil;
  for (size_t i = names.size(); i-- > 0;) out = cons(names[i], out);
  return out;
}

KILN_PRIMITIVE(prim_library_missing, "%library-missing-exports", 1, 1,
               "(%library-missing-exports name): the names the standard library `name` should export "
               "but Kiln does not define.") {
  Expander x(builtin_environment());
  Value lib = find_library(x, a[0], a[0]);
  visit_library(x, lib, a[0]);
  return field(lib, kMissing);
}

KILN_PRIMITIVE(prim_make_environment, "%make-environment", 1, 1,
               "(%make-environment sets): a new environment importing the list of import sets; "
               "library bodies it needs are queued (see %take-library-init).") {
  a.list(0);
  return make_import_environment(a[0], intern("environment"));
}

KILN_PRIMITIVE(prim_interaction_environment, "interaction-environment", 0, 0,
               "(interaction-environment): the REPL's environment, for eval.") {
  return interaction_environment();
}

KILN_PRIMITIVE(prim_syntax_environment, "%syntax-environment", 1, 1,
               "(%syntax-environment env): a new environment with only the syntactic keywords of env "
               "(for null-environment).") {
  Value env = a.expect(0, Type::Environment, "environment");
  Value out = make_environment(intern("null-environment"));
  env_for_each(env, [&](Value n, Value b) {
    if (!has_type(b, Type::Cell)) env_import(out, n, b);
  });
  return out;
}

}  // namespace kiln

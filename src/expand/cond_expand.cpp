// cond-expand, include and include-ci: the forms that stand for other
// forms. In a program or body they become a `begin` of those forms (spliced
// where definitions are allowed); as library declarations (library.cpp)
// their forms join the library's declarations or body.
#include "expand/library_impl.h"
#include "read/reader.h"
#include "runtime/primitive.h"
#include "runtime/printer.h"
#include "runtime/thread.h"

namespace kiln {

namespace {

/// The feature identifiers, from the `features` primitive, so that
/// cond-expand and (features) can never disagree.
Value feature_list() {
  Value cell = env_lookup(builtin_environment(), intern("features"));
  if (!has_type(cell, Type::Cell) || !is_primitive(as_cell(cell)->value)) return kNil;
  return as_cell(cell)->value.as<Primitive>()->fn(*g_thread, nullptr, 0);
}

bool requirement_holds(Expander& x, Value req, Value form) {
  if (is_symbol(req)) {
    for (Value f = feature_list(); is_pair(f); f = cdr(f))
      if (car(f) == req) return true;
    return false;
  }
  if (list_length(req) >= 1 && is_symbol(car(req))) {
    std::string op = symbol_to_utf8(car(req));
    if (op == "and") {
      for (Value r = cdr(req); is_pair(r); r = cdr(r))
        if (!requirement_holds(x, car(r), form)) return false;
      return true;
    }
    if (op == "or") {
      for (Value r = cdr(req); is_pair(r); r = cdr(r))
        if (requirement_holds(x, car(r), form)) return true;
      return false;
    }
    if (op == "not" && list_length(req) == 2) return !requirement_holds(x, second(req), form);
    if (op == "library" && list_length(req) == 2 && is_library_name(second(req))) return library_exists(second(req));
  }
  x.fail(form, "cond-expand: bad feature requirement " + write_to_string(req) +
                   ", expected an identifier or (and|or|not|library ...)");
}

bool is_else(Value v) {
  return v == intern("else") || (has_type(v, Type::Special) && v.as<Special>()->id == SpecialId::Else);
}

}  // namespace

Value cond_expand_select(Expander& x, Value form) {
  if (list_length(form) < 0) x.fail(form, "bad syntax, expected (cond-expand (requirement form ...) ...)");
  for (Value c = cdr(form); is_pair(c); c = cdr(c)) {
    Value clause = car(c);
    if (list_length(clause) < 1) x.fail(form, "cond-expand: bad clause " + write_to_string(clause));
    if (is_else(car(clause))) {
      if (!is_null(cdr(c))) x.fail(form, "cond-expand: else must be the last clause");
      return cdr(clause);
    }
    if (requirement_holds(x, car(clause), form)) return cdr(clause);
  }
  return kNil;
}

Value read_included_files(Expander& x, Value decl, bool fold_case) {
  const char* who = fold_case ? "include-ci" : "include";
  if (list_length(decl) < 2) x.fail(decl, std::string("bad syntax, expected (") + who + " \"file\" ...)");
  gc_vector<Value> forms;
  for (Value f = cdr(decl); is_pair(f); f = cdr(f)) {
    if (!is_string(car(f))) x.fail(decl, std::string(who) + ": expected a file name string, got " + write_to_string(car(f)));
    std::string name = string_to_utf8(car(f));
    std::string path = !name.empty() && name[0] == '/' ? name : directory_of(decl) + name;
    std::string text;
    if (!read_text_file(path, &text)) x.fail(decl, std::string(who) + ": cannot read the file " + path);
    // include-ci reads as if the file began with #!fold-case; line numbers
    // stay right because the directive has a line of its own, numbered 0.
    if (fold_case) text = "#!fold-case\n" + text;
    Reader reader(text, make_string(path), fold_case ? 0 : 1);
    for (Value d = reader.read(); d != kEof; d = reader.read()) forms.push_back(d);
  }
  Value out = kNil;
  for (size_t i = forms.size(); i-- > 0;) out = cons(forms[i], out);
  return out;
}

Value Expander::rewrite_splicing(SpecialId id, Value form) {
  Value body = id == SpecialId::CondExpand ? cond_expand_select(*this, form)
                                           : read_included_files(*this, form, id == SpecialId::IncludeCi);
  Value begin = cons(special(SpecialId::Begin), body);
  srcloc_record(begin, loc_of(form));
  return begin;
}

}  // namespace kiln

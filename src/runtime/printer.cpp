#include "runtime/printer.h"

#include <utf8proc.h>

#include <cstdio>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/env.h"
#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/numbers.h"
#include "runtime/port.h"

namespace kiln {

static Value no_procedure_name(Value) { return kFalse; }
Value (*g_procedure_name)(Value proc) = no_procedure_name;

namespace {

// Containers are the objects that can take part in a cycle through what the
// printer prints of them, and so may carry a datum label.
bool is_container(Value v) {
  if (v.is_pair()) return true;
  if (!v.is_object()) return false;
  switch (v.as_object()->type()) {
    case Type::Record:
    case Type::ErrorObject:
      return true;
    case Type::Vector:
      return vector_length(v) > 0;
    default:
      return false;
  }
}

// Calls fn(child) for each value a container's printed form includes, in
// print order, except a pair's cdr (callers iterate along cdrs themselves).
template <class Fn>
void for_each_child(Value v, Fn fn) {
  if (v.is_pair()) {
    fn(car(v));
    return;
  }
  switch (v.as_object()->type()) {
    case Type::Vector:
      for (int64_t i = 0; i < vector_length(v); ++i) fn(vector_items(v)[i]);
      break;
    case Type::Record: {
      Record* r = v.as<Record>();
      for (uint64_t i = 0; i < r->size(); ++i) fn(r->fields[i]);
      break;
    }
    case Type::ErrorObject:
      fn(v.as<ErrorObject>()->irritants);
      break;
    default:
      break;
  }
}

[[noreturn]] void too_deep() { error("write: structure nested too deeply to print"); }

// Walks at most `budget` containers without remembering any. Finishing
// within the budget proves there is no cycle (a cycle would walk forever),
// which spares the common case of printing a tree the cost of a hash map.
bool walk_within_budget(Value v, int depth, int64_t& budget) {
  if (depth > kMaxPrintDepth) return false;
  while (is_container(v)) {
    if (--budget < 0) return false;
    bool ok = true;
    for_each_child(v, [&](Value child) { ok = ok && walk_within_budget(child, depth + 1, budget); });
    if (!ok) return false;
    if (!is_pair(v)) return true;
    v = cdr(v);
  }
  return true;
}

bool is_delimiter(uint32_t c) {
  switch (c) {
    case '(': case ')': case '[': case ']': case '{': case '}':
    case '"': case ';': case '\'': case '`': case ',': case '|': case '\\':
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
      return true;
    default:
      return false;
  }
}

// Whether a character would show as itself. `strict` (for chars) also
// hides spaces and format characters such as U+200D; strings keep those
// literal so that text like emoji sequences stays legible.
bool is_visible(uint32_t c, bool strict) {
  if (c > 0x10ffff) return false;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return false;
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_ZS:
      return !strict;
    default:
      return true;
  }
}

const char* char_name(uint32_t c) {
  switch (c) {
    case 0x07: return "alarm";
    case 0x08: return "backspace";
    case 0x7f: return "delete";
    case 0x1b: return "escape";
    case 0x0a: return "newline";
    case 0x00: return "null";
    case 0x0d: return "return";
    case 0x20: return "space";
    case 0x09: return "tab";
    default: return nullptr;
  }
}

// Whether a symbol's name reads back as that symbol without bars: it must
// follow R7RS identifier syntax (a digit, `#` or `@` may not start it, the
// last so that (unquote @x) does not print as ,@x; `+`, `-` and `.` may,
// unless the whole name is a number, real or not, or a lone dot).
bool symbol_needs_bars(const String* s) {
  const int64_t n = s->length();
  if (n == 0) return true;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t c = s->chars[i];
    if (is_delimiter(c) || !is_visible(c, true)) return true;
  }
  uint32_t first = s->chars[0];
  if (first == '#' || first == '@' || (first >= '0' && first <= '9')) return true;
  if (first == '+' || first == '-' || first == '.') {
    if (n == 1) return first == '.';
    std::string utf8;
    for (int64_t i = 0; i < n; ++i) utf8_append(utf8, s->chars[i]);
    return parse_number(utf8) != kFalse || is_nonreal_number_syntax(utf8);
  }
  return false;
}

class Printer {
 public:
  Printer(PrintMode mode, Value port) : mode_(mode), port_(port) {}

  void run(Value v) {
    root_ = v;
    if (mode_ != PrintMode::WriteSimple && is_container(v)) {
      int64_t budget = int64_t{1} << 20;
      if (mode_ == PrintMode::WriteShared || !walk_within_budget(v, 0, budget)) find_labels(v, 0);
    }
    print(v, 0);
    flush();
  }

  std::string& text() { return out_; }

 private:
  enum : uint8_t { kInProgress = 1, kDone = 2, kLabel = 4 };

  bool writing() const { return mode_ != PrintMode::Display; }

  // Sends finished text to the port now and then, so that printing a huge
  // (or, in WriteSimple, endless) structure does not hold it all in memory.
  // `out_` always ends on a character boundary here.
  void flush() {
    if (port_ == kFalse || out_.empty()) return;
    port_write_utf8(port_, out_);
    out_.clear();
  }

  // --- labels -----------------------------------------------------------------

  // A depth-first walk marking the containers that need a label: in
  // WriteShared every container reached twice, otherwise only those reached
  // again while still being walked (the targets of back edges), which is
  // where every cycle can be cut. Pairs along a cdr chain stay in progress
  // until the whole chain is walked, as in the recursive definition.
  void find_labels(Value v, int depth) {
    if (depth > kMaxPrintDepth) too_deep();
    const size_t chain_start = chain_.size();
    while (is_container(v)) {
      auto [it, fresh] = state_.try_emplace(v.raw, kInProgress);
      if (!fresh) {
        if ((it->second & kInProgress) || mode_ == PrintMode::WriteShared) it->second |= kLabel;
        break;
      }
      for_each_child(v, [&](Value child) { find_labels(child, depth + 1); });
      if (!is_pair(v)) {
        state_[v.raw] = (state_[v.raw] & ~kInProgress) | kDone;
        break;
      }
      chain_.push_back(v.raw);
      v = cdr(v);
    }
    for (size_t i = chain_start; i < chain_.size(); ++i) {
      uint8_t& s = state_[chain_[i]];
      s = (s & ~kInProgress) | kDone;
    }
    chain_.resize(chain_start);
    if (depth == 0) {
      for (const auto& [raw, s] : state_)
        if (s & kLabel) labels_.emplace(raw, -1);
      state_.clear();
    }
  }

  bool labeled(Value v) const { return !labels_.empty() && labels_.count(v.raw); }

  // Prints `#n#` and returns true if `v` was already printed under a label;
  // prints `#n=` first if this is its labelled first appearance.
  bool print_label(Value v) {
    if (labels_.empty()) return false;
    auto it = labels_.find(v.raw);
    if (it == labels_.end()) return false;
    if (it->second >= 0) {
      out_ += '#' + std::to_string(it->second) + '#';
      return true;
    }
    it->second = next_label_++;
    out_ += '#' + std::to_string(it->second) + '=';
    return false;
  }

  // --- printing -------------------------------------------------------------

  void print(Value v, int depth) {
    if (depth > kMaxPrintDepth) too_deep();
    if (out_.size() >= 8192) flush();
    if (v.is_fixnum()) {
      out_ += std::to_string(v.as_fixnum());
    } else if (v.is_char()) {
      print_char(v.as_char());
    } else if (v.is_pair()) {
      if (!print_label(v)) print_pair(v, depth);
    } else if (v.is_object()) {
      print_object(v, depth);
    } else {
      print_constant(v);
    }
  }

  void print_constant(Value v) {
    if (v == kTrue) out_ += "#t";
    else if (v == kFalse) out_ += "#f";
    else if (v == kNil) out_ += "()";
    else if (v == kUnspecified) out_ += "#<unspecified>";
    else if (v == kEof) out_ += "#<eof>";
    else if (v == kDefault) out_ += "#<default>";
    else if (v == kUnbound) out_ += "#<unbound>";
    else if (v == kUndefined) out_ += "#<undefined>";
    else out_ += "#<unknown-immediate>";
  }

  void print_hex(uint32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%x", c);
    out_ += buf;
  }

  void print_char(uint32_t c) {
    if (!writing()) {
      utf8_append(out_, c);
      return;
    }
    out_ += "#\\";
    if (const char* name = char_name(c)) {
      out_ += name;
    } else if (is_visible(c, true)) {
      utf8_append(out_, c);
    } else {
      out_ += 'x';
      print_hex(c);
    }
  }

  // The escapes shared by strings and |symbols|; `quote` is the delimiter.
  void print_escaped(const uint32_t* chars, int64_t n, char quote) {
    out_ += quote;
    for (int64_t i = 0; i < n; ++i) {
      uint32_t c = chars[i];
      switch (c) {
        case '\\': out_ += "\\\\"; continue;
        case '\n': out_ += "\\n"; continue;
        case '\t': out_ += "\\t"; continue;
        case '\r': out_ += "\\r"; continue;
        case 0x07: out_ += "\\a"; continue;
        case 0x08: out_ += "\\b"; continue;
        default: break;
      }
      if (c == static_cast<uint32_t>(quote)) {
        out_ += '\\';
        out_ += quote;
      } else if (!is_visible(c, false)) {
        out_ += "\\x";
        print_hex(c);
        out_ += ';';
      } else {
        utf8_append(out_, c);
      }
    }
    out_ += quote;
  }

  void print_raw(const String* s) {
    for (int64_t i = 0; i < s->length(); ++i) utf8_append(out_, s->chars[i]);
  }

  void print_symbol(Value sym) {
    const String* name = as_string(symbol_name(sym));
    if (writing() && symbol_needs_bars(name)) print_escaped(name->chars, name->length(), '|');
    else print_raw(name);
  }

  void print_object(Value v, int depth) {
    Object* o = v.as_object();
    switch (o->type()) {
      case Type::Vector:
        if (print_label(v)) return;
        out_ += "#(";
        for (int64_t i = 0; i < vector_length(v); ++i) {
          if (i) out_ += ' ';
          print(vector_items(v)[i], depth + 1);
        }
        out_ += ')';
        return;
      case Type::String:
        if (writing()) print_escaped(as_string(v)->chars, string_length(v), '"');
        else print_raw(as_string(v));
        return;
      case Type::Symbol:
        print_symbol(v);
        return;
      case Type::Flonum:
      case Type::Bignum:
      case Type::Ratnum:
        out_ += number_to_string(v);
        return;
      case Type::Bytevector:
        out_ += "#u8(";
        for (int64_t i = 0; i < bytevector_length(v); ++i) {
          if (i) out_ += ' ';
          out_ += std::to_string(bytevector_bytes(v)[i]);
        }
        out_ += ')';
        return;
      case Type::Record:
        if (!print_label(v)) print_record(v, depth);
        return;
      case Type::ErrorObject: {
        if (print_label(v)) return;
        ErrorObject* e = v.as<ErrorObject>();
        out_ += "#<error ";
        print(e->message, depth + 1);
        for (Value l = e->irritants; is_pair(l); l = cdr(l)) {
          out_ += ' ';
          print(car(l), depth + 1);
        }
        out_ += '>';
        return;
      }
      case Type::Values: {
        Values* vs = v.as<Values>();
        for (uint64_t i = 0; i < vs->size(); ++i) {
          if (i) out_ += ' ';
          print(vs->items[i], depth + 1);
        }
        return;
      }
      case Type::Pointer: {
        char buf[40];
        std::snprintf(buf, sizeof buf, "#<pointer 0x%llx>",
                      static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(v.as<ForeignPointer>()->address)));
        out_ += buf;
        return;
      }
      case Type::Primitive:
        out_ += "#<procedure ";
        out_ += v.as<Primitive>()->name;
        out_ += '>';
        return;
      case Type::Closure:
      case Type::CaseLambda: {
        Value name = g_procedure_name(v);
        out_ += "#<procedure";
        if (is_symbol(name)) {
          out_ += ' ';
          print_raw(as_string(symbol_name(name)));
        }
        out_ += '>';
        return;
      }
      case Type::RecordType:
        out_ += "#<record-type ";
        print_name(v.as<RecordType>()->name);
        out_ += '>';
        return;
      case Type::Environment:
        out_ += "#<environment ";
        print_name(v.as<Environment>()->name);
        out_ += '>';
        return;
      case Type::Port: {
        Value name = as_port(v)->name;
        out_ += "#<port";
        if (is_string(name)) {
          out_ += ' ';
          print_raw(as_string(name));
        }
        out_ += '>';
        return;
      }
      case Type::Cell:
        out_ += "#<cell ";
        print_name(as_cell(v)->name);
        out_ += '>';
        return;
      default:
        out_ += "#<";
        out_ += type_name(o->type());
        out_ += '>';
        return;
    }
  }

  // A name inside #<...>: displayed, whatever it is. Names are symbols or
  // short lists, never part of the data being printed, so depth restarts.
  void print_name(Value name) {
    PrintMode saved = mode_;
    mode_ = PrintMode::Display;
    print(name, 0);
    mode_ = saved;
  }

  static const char* type_name(Type t) {
    switch (t) {
      case Type::Box: return "box";
      case Type::Proto: return "proto";
      case Type::Promise: return "promise";
      case Type::Parameter: return "parameter";
      case Type::Continuation: return "continuation";
      case Type::HashTable: return "hash-table";
      case Type::Identifier: return "identifier";
      case Type::Macro: return "macro";
      case Type::Special: return "syntax";
      case Type::Pointer: return "pointer";
      default: return "object";
    }
  }

  static const char* abbreviation(Value sym) {
    static const Value quote = intern("quote");
    static const Value quasiquote = intern("quasiquote");
    static const Value unquote = intern("unquote");
    static const Value unquote_splicing = intern("unquote-splicing");
    if (sym == quote) return "'";
    if (sym == quasiquote) return "`";
    if (sym == unquote) return ",";
    if (sym == unquote_splicing) return ",@";
    return nullptr;
  }

  void print_pair(Value v, int depth) {
    // (quote x) as 'x, unless the tail is labelled and must print as itself.
    Value rest = cdr(v);
    if (is_symbol(car(v)) && is_pair(rest) && is_null(cdr(rest)) && !labeled(rest)) {
      if (const char* prefix = abbreviation(car(v))) {
        out_ += prefix;
        print(car(rest), depth + 1);
        return;
      }
    }
    out_ += '(';
    print(car(v), depth + 1);
    for (v = rest; !is_null(v); v = cdr(v)) {
      if (!is_pair(v) || labeled(v)) {
        out_ += " . ";
        print(v, depth + 1);
        break;
      }
      out_ += ' ';
      print(car(v), depth + 1);
    }
    out_ += ')';
  }

  void print_record(Value v, int depth) {
    Record* r = v.as<Record>();
    out_ += "#<";
    if (has_type(r->rtd, Type::RecordType)) print_name(r->rtd.as<RecordType>()->name);
    else out_ += "record";
    for (uint64_t i = 0; i < r->size(); ++i) {
      out_ += ' ';
      print(r->fields[i], depth + 1);
    }
    out_ += '>';
  }

  PrintMode mode_;
  // The Printer lives on the C++ stack, so these keep the value being
  // printed (and everything the maps below name by address) alive while
  // printing allocates.
  Value root_ = kFalse;
  Value port_;  // #f: collect the text in out_
  std::string out_;
  // Keyed by the raw bits of containers that are reachable from the value
  // being printed, which keeps them alive: the maps own nothing.
  std::unordered_map<uint64_t, uint8_t> state_;
  std::vector<uint64_t> chain_;
  std::unordered_map<uint64_t, int64_t> labels_;  // -1 until printed
  int64_t next_label_ = 0;
};

}  // namespace

void print(Value port, Value v, PrintMode mode) {
  Printer p(mode, port);
  p.run(v);
}

std::string write_to_string(Value v, PrintMode mode) {
  Printer p(mode, kFalse);
  p.run(v);
  return std::move(p.text());
}

}  // namespace kiln

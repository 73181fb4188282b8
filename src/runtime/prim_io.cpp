// The R7RS port and I/O primitives of (scheme base), (scheme write) and
// (scheme file) that need no callbacks into Scheme. The ones that do
// (call-with-port, call-with-output-string, with-output-to-file, ...) are in
// the Scheme prelude.
//
// An optional port argument defaults to the current port: the value of the
// current-*-port parameter (see thread.h), which parameterize rebinds.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "runtime/port.h"
#include "runtime/primitive.h"
#include "runtime/printer.h"

namespace kiln {
namespace {

// The port argument `i` (or the current port when absent), checked to be a
// port of the given direction and sort that is still open.
Value port_arg(const Args& a, uint32_t i, Value fallback, uint32_t direction, uint32_t sort) {
  Value p = a.has(i) ? a[i] : fallback;
  const bool input = direction == kPortInput;
  if (!is_port(p) || !port_has(p, direction) || !port_has(p, sort)) {
    const char* what = input ? (sort == kPortTextual ? "textual input port" : "binary input port")
                             : (sort == kPortTextual ? "textual output port" : "binary output port");
    if (a.has(i)) a.fail(i, what);
    error(std::string(a.who) + ": the current port is not a " + what, {p});
  }
  if (!port_has(p, input ? kPortInputOpen : kPortOutputOpen))
    error(std::string(a.who) + ": port is closed", {p});
  return p;
}

Value text_out(const Args& a, uint32_t i, Thread& t) { return port_arg(a, i, current_output_port(t), kPortOutput, kPortTextual); }
Value text_in(const Args& a, uint32_t i, Thread& t) { return port_arg(a, i, current_input_port(t), kPortInput, kPortTextual); }
Value bin_out(const Args& a, uint32_t i, Thread& t) { return port_arg(a, i, current_output_port(t), kPortOutput, kPortBinary); }
Value bin_in(const Args& a, uint32_t i, Thread& t) { return port_arg(a, i, current_input_port(t), kPortInput, kPortBinary); }

Value any_port(const Args& a, uint32_t i) {
  if (!is_port(a[i])) a.fail(i, "port");
  return a[i];
}

// The optional [start, end) range of arguments `i`, `i + 1` over a sequence
// of `length` items; raises for a bad range.
void range_args(const Args& a, uint32_t i, int64_t length, int64_t& start, int64_t& end) {
  start = a.has(i) ? a.index(i) : 0;
  end = a.has(i + 1) ? a.index(i + 1) : length;
  if (end > length) range_error(a.who, a[i + 1], Value::fixnum(length));
  if (start > end) range_error(a.who, a[i], Value::fixnum(end));
}

Value char_or_eof(int32_t c) { return c < 0 ? kEof : Value::character(static_cast<uint32_t>(c)); }
Value byte_or_eof(int32_t b) { return b < 0 ? kEof : Value::fixnum(b); }

std::string path_arg(const Args& a, uint32_t i) {
  std::string path = string_to_utf8(a.string(i));
  if (path.find('\0') != std::string::npos) error_of_kind("file-error", std::string(a.who) + ": file name contains a NUL character", {a[i]});
  return path;
}

Value print_prim(Thread& t, const Args& a, PrintMode mode) {
  Value port = text_out(a, 1, t);
  // Displaying a string or a character writes its text as it is: straight
  // to the port, without the printer's UTF-8 round trip.
  if (mode == PrintMode::Display && is_string(a[0]))
    port_write_string(port, a[0], 0, string_length(a[0]));
  else if (mode == PrintMode::Display && is_char(a[0]))
    port_write_char(port, a[0].as_char());
  else
    print(port, a[0], mode);
  return kUnspecified;
}

}  // namespace

// --- output ----------------------------------------------------------------------

KILN_PRIMITIVE(prim_display, "display", 1, 2, "(display obj [port]): writes obj for people: strings and chars as their text.") {
  return print_prim(t, a, PrintMode::Display);
}

KILN_PRIMITIVE(prim_write, "write", 1, 2, "(write obj [port]): writes obj so that `read` gives it back; cycles get datum labels.") {
  return print_prim(t, a, PrintMode::Write);
}

KILN_PRIMITIVE(prim_write_shared, "write-shared", 1, 2, "(write-shared obj [port]): like write, with datum labels for all shared structure.") {
  return print_prim(t, a, PrintMode::WriteShared);
}

KILN_PRIMITIVE(prim_write_simple, "write-simple", 1, 2, "(write-simple obj [port]): like write, without datum labels (loops on cycles).") {
  return print_prim(t, a, PrintMode::WriteSimple);
}

KILN_PRIMITIVE(prim_newline, "newline", 0, 1, "(newline [port]): writes an end of line.") {
  port_write_char(text_out(a, 0, t), '\n');
  return kUnspecified;
}

KILN_PRIMITIVE(prim_write_char, "write-char", 1, 2, "(write-char char [port]): writes one character.") {
  uint32_t c = a.character(0);
  port_write_char(text_out(a, 1, t), c);
  return kUnspecified;
}

KILN_PRIMITIVE(prim_write_string, "write-string", 1, 4, "(write-string string [port [start [end]]]): writes the characters of string from start to end.") {
  Value s = a.string(0);
  Value port = text_out(a, 1, t);
  int64_t start, end;
  range_args(a, 2, string_length(s), start, end);
  port_write_string(port, s, start, end);
  return kUnspecified;
}

KILN_PRIMITIVE(prim_write_u8, "write-u8", 1, 2, "(write-u8 byte [port]): writes one byte to a binary port.") {
  if (!a[0].is_fixnum() || a[0].as_fixnum() < 0 || a[0].as_fixnum() > 255) a.fail(0, "byte (0 to 255)");
  port_write_u8(bin_out(a, 1, t), static_cast<uint8_t>(a[0].as_fixnum()));
  return kUnspecified;
}

KILN_PRIMITIVE(prim_write_bytevector, "write-bytevector", 1, 4, "(write-bytevector bv [port [start [end]]]): writes the bytes of bv from start to end.") {
  Value bv = a.bytevector(0);
  Value port = bin_out(a, 1, t);
  int64_t start, end;
  range_args(a, 2, bytevector_length(bv), start, end);
  port_write_bytes(port, bytevector_bytes(bv) + start, static_cast<size_t>(end - start));
  return kUnspecified;
}

KILN_PRIMITIVE(prim_flush_output_port, "flush-output-port", 0, 1, "(flush-output-port [port]): sends buffered output on to its file.") {
  Value p = a.has(0) ? a[0] : current_output_port(t);
  if (!is_output_port(p)) a.fail(0, "output port");
  if (port_has(p, kPortOutputOpen)) port_flush(p);
  return kUnspecified;
}

// --- input -----------------------------------------------------------------------

KILN_PRIMITIVE(prim_read_char, "read-char", 0, 1, "(read-char [port]): the next character, or the eof object.") {
  return char_or_eof(port_read_char(text_in(a, 0, t)));
}

KILN_PRIMITIVE(prim_peek_char, "peek-char", 0, 1, "(peek-char [port]): the next character without consuming it, or the eof object.") {
  return char_or_eof(port_peek_char(text_in(a, 0, t)));
}

KILN_PRIMITIVE(prim_read_line, "read-line", 0, 1, "(read-line [port]): the next line without its line ending (\\n or \\r\\n), or the eof object.") {
  Value port = text_in(a, 0, t);
  std::u32string line;
  int32_t c = port_read_char(port);
  if (c < 0) return kEof;
  for (; c >= 0 && c != '\n'; c = port_read_char(port)) line += static_cast<char32_t>(c);
  if (c == '\n' && !line.empty() && line.back() == U'\r') line.pop_back();
  return make_string(reinterpret_cast<const uint32_t*>(line.data()), static_cast<int64_t>(line.size()));
}

KILN_PRIMITIVE(prim_read_string, "read-string", 1, 2, "(read-string k [port]): up to k characters as a string, or the eof object if none are left.") {
  int64_t k = a.index(0);
  Value port = text_in(a, 1, t);
  if (k == 0) return make_string(0);
  std::u32string s;
  for (int64_t i = 0; i < k; ++i) {
    int32_t c = port_read_char(port);
    if (c < 0) break;
    s += static_cast<char32_t>(c);
  }
  if (s.empty()) return kEof;
  return make_string(reinterpret_cast<const uint32_t*>(s.data()), static_cast<int64_t>(s.size()));
}

KILN_PRIMITIVE(prim_read_u8, "read-u8", 0, 1, "(read-u8 [port]): the next byte, or the eof object.") {
  return byte_or_eof(port_read_u8(bin_in(a, 0, t)));
}

KILN_PRIMITIVE(prim_peek_u8, "peek-u8", 0, 1, "(peek-u8 [port]): the next byte without consuming it, or the eof object.") {
  return byte_or_eof(port_peek_u8(bin_in(a, 0, t)));
}

KILN_PRIMITIVE(prim_read_bytevector, "read-bytevector", 1, 2, "(read-bytevector k [port]): up to k bytes as a bytevector, or the eof object if none are left.") {
  int64_t k = a.index(0);
  Value port = bin_in(a, 1, t);
  if (k == 0) return make_bytevector(0);
  std::string bytes;
  for (int64_t i = 0; i < k; ++i) {
    int32_t b = port_read_u8(port);
    if (b < 0) break;
    bytes += static_cast<char>(b);
  }
  if (bytes.empty()) return kEof;
  Value bv = make_bytevector(static_cast<int64_t>(bytes.size()));
  std::memcpy(bytevector_bytes(bv), bytes.data(), bytes.size());
  return bv;
}

KILN_PRIMITIVE(prim_read_bytevector_x, "read-bytevector!", 1, 4, "(read-bytevector! bv [port [start [end]]]): reads bytes into bv from start; the count read, or the eof object if none were left.") {
  Value bv = a.bytevector(0);
  Value port = bin_in(a, 1, t);
  int64_t start, end;
  range_args(a, 2, bytevector_length(bv), start, end);
  if (bv.as_object()->immutable()) a.fail(0, "mutable bytevector");
  if (start == end) return Value::fixnum(0);
  int64_t i = start;
  for (; i < end; ++i) {
    int32_t b = port_read_u8(port);
    if (b < 0) break;
    bytevector_bytes(bv)[i] = static_cast<uint8_t>(b);
  }
  return i == start ? kEof : Value::fixnum(i - start);
}

KILN_PRIMITIVE(prim_char_ready, "char-ready?", 0, 1, "(char-ready? [port]): whether read-char would not wait.") {
  return Value::boolean(port_char_ready(text_in(a, 0, t)));
}

KILN_PRIMITIVE(prim_u8_ready, "u8-ready?", 0, 1, "(u8-ready? [port]): whether read-u8 would not wait.") {
  return Value::boolean(port_char_ready(bin_in(a, 0, t)));
}

// --- string and bytevector ports ------------------------------------------------------

KILN_PRIMITIVE(prim_open_input_string, "open-input-string", 1, 1, "(open-input-string string): a textual port reading the characters of string.") {
  return make_string_input_port(a.string(0));
}

KILN_PRIMITIVE(prim_open_output_string, "open-output-string", 0, 0, "(open-output-string): a textual port collecting what is written; see get-output-string.") {
  return make_string_output_port();
}

KILN_PRIMITIVE(prim_get_output_string, "get-output-string", 1, 1, "(get-output-string port): the characters written so far to a port from open-output-string.") {
  if (!is_output_port(a[0]) || as_port(a[0])->kind != PortKind::String) a.fail(0, "string output port");
  return port_output_string(a[0]);
}

KILN_PRIMITIVE(prim_open_input_bytevector, "open-input-bytevector", 1, 1, "(open-input-bytevector bv): a binary port reading the bytes of bv.") {
  return make_bytevector_input_port(a.bytevector(0));
}

KILN_PRIMITIVE(prim_open_output_bytevector, "open-output-bytevector", 0, 0, "(open-output-bytevector): a binary port collecting what is written; see get-output-bytevector.") {
  return make_bytevector_output_port();
}

KILN_PRIMITIVE(prim_get_output_bytevector, "get-output-bytevector", 1, 1, "(get-output-bytevector port): the bytes written so far to a port from open-output-bytevector.") {
  if (!is_output_port(a[0]) || as_port(a[0])->kind != PortKind::Bytes) a.fail(0, "bytevector output port");
  return port_output_bytevector(a[0]);
}

// --- file ports ----------------------------------------------------------------------

KILN_PRIMITIVE(prim_open_input_file, "open-input-file", 1, 1, "(open-input-file name): a textual port reading the file (UTF-8).") {
  return open_file_port(path_arg(a, 0), true, false, a.who);
}

KILN_PRIMITIVE(prim_open_binary_input_file, "open-binary-input-file", 1, 1, "(open-binary-input-file name): a binary port reading the file.") {
  return open_file_port(path_arg(a, 0), true, true, a.who);
}

KILN_PRIMITIVE(prim_open_output_file, "open-output-file", 1, 1, "(open-output-file name): a textual port writing the file (UTF-8), created or truncated.") {
  return open_file_port(path_arg(a, 0), false, false, a.who);
}

KILN_PRIMITIVE(prim_open_binary_output_file, "open-binary-output-file", 1, 1, "(open-binary-output-file name): a binary port writing the file, created or truncated.") {
  return open_file_port(path_arg(a, 0), false, true, a.who);
}

KILN_PRIMITIVE(prim_file_exists, "file-exists?", 1, 1, "(file-exists? name): whether a file of that name exists.") {
  struct stat st;
  return Value::boolean(::stat(path_arg(a, 0).c_str(), &st) == 0);
}

KILN_PRIMITIVE(prim_delete_file, "delete-file", 1, 1, "(delete-file name): removes the file; a file-error if it cannot.") {
  if (::unlink(path_arg(a, 0).c_str()) != 0)
    error_of_kind("file-error", std::string("delete-file: cannot delete file: ") + std::strerror(errno), {a[0]});
  return kUnspecified;
}

// --- closing and predicates -------------------------------------------------------------

KILN_PRIMITIVE(prim_close_port, "close-port", 1, 1, "(close-port port): closes both sides of the port; closing again does nothing.") {
  port_close(any_port(a, 0), true, true);
  return kUnspecified;
}

KILN_PRIMITIVE(prim_close_input_port, "close-input-port", 1, 1, "(close-input-port port): closes the input side of the port.") {
  if (!is_input_port(a[0])) a.fail(0, "input port");
  port_close(a[0], true, false);
  return kUnspecified;
}

KILN_PRIMITIVE(prim_close_output_port, "close-output-port", 1, 1, "(close-output-port port): flushes and closes the output side of the port.") {
  if (!is_output_port(a[0])) a.fail(0, "output port");
  port_close(a[0], false, true);
  return kUnspecified;
}

KILN_PRIMITIVE(prim_is_port, "port?", 1, 1, "(port? obj): whether obj is a port.") {
  return Value::boolean(is_port(a[0]));
}

KILN_PRIMITIVE(prim_is_input_port, "input-port?", 1, 1, "(input-port? obj): whether obj is a port that can be read.") {
  return Value::boolean(is_input_port(a[0]));
}

KILN_PRIMITIVE(prim_is_output_port, "output-port?", 1, 1, "(output-port? obj): whether obj is a port that can be written.") {
  return Value::boolean(is_output_port(a[0]));
}

KILN_PRIMITIVE(prim_is_textual_port, "textual-port?", 1, 1, "(textual-port? obj): whether obj is a port of characters.") {
  return Value::boolean(is_port(a[0]) && port_has(a[0], kPortTextual));
}

KILN_PRIMITIVE(prim_is_binary_port, "binary-port?", 1, 1, "(binary-port? obj): whether obj is a port of bytes.") {
  return Value::boolean(is_port(a[0]) && port_has(a[0], kPortBinary));
}

KILN_PRIMITIVE(prim_input_port_open, "input-port-open?", 1, 1, "(input-port-open? port): whether port is an input port not yet closed.") {
  return Value::boolean(port_has(any_port(a, 0), kPortInputOpen));
}

KILN_PRIMITIVE(prim_output_port_open, "output-port-open?", 1, 1, "(output-port-open? port): whether port is an output port not yet closed.") {
  return Value::boolean(port_has(any_port(a, 0), kPortOutputOpen));
}

KILN_PRIMITIVE(prim_eof_object, "eof-object", 0, 0, "(eof-object): the end-of-file object.") {
  return kEof;
}

KILN_PRIMITIVE(prim_is_eof_object, "eof-object?", 1, 1, "(eof-object? obj): whether obj is the end-of-file object.") {
  return Value::boolean(a[0] == kEof);
}

// --- current ports ----------------------------------------------------------------------
// The prelude (lib/prelude/20-io.scm) wraps these cells in the parameter
// procedures current-input-port, current-output-port and current-error-port.

KILN_PRIMITIVE(prim_current_port_cell, "%current-port-cell", 1, 1, "(%current-port-cell k): the parameter cell (port . converter) of the current input (k = 0), output (1) or error (2) port.") {
  switch (a.fixnum(0)) {
    case 0: return t.current_input_cell;
    case 1: return t.current_output_cell;
    case 2: return t.current_error_cell;
    default: a.fail(0, "0, 1 or 2");
  }
}

}  // namespace kiln

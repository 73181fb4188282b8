#include <gtest/gtest.h>

#include <unistd.h>

#include <string>

#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/port.h"
#include "runtime/primitive.h"
#include "runtime/printer.h"
#include "runtime/thread.h"

using namespace kiln;

namespace {

Value fx(int64_t n) { return Value::fixnum(n); }

// Calls the primitive `name` with `args`; kRaise means it raised.
Value call(const char* name, std::initializer_list<Value> args) {
  Value argv[8];
  uint32_t n = 0;
  for (Value v : args) argv[n++] = v;
  Primitive* p = builtin_primitive(name).as<Primitive>();
  return p->fn(*g_thread, argv, n);
}

std::string utf8(Value s) { return string_to_utf8(s); }

std::string temp_path(const char* tag) {
  return ::testing::TempDir() + "kiln_test_ports_" + tag + "_" + std::to_string(::getpid());
}

// The kind symbol of the pending error object, after a kRaise.
std::string pending_kind() {
  Value e = g_thread->pending;
  if (!is_error_object(e)) return "<not an error object>";
  return symbol_to_utf8(e.as<ErrorObject>()->kind);
}

class Ports : public ::testing::Test {
 protected:
  void SetUp() override { runtime_init(); }
};

}  // namespace

TEST_F(Ports, StandardPortsExist) {
  EXPECT_TRUE(is_input_port(current_input_port(*g_thread)));
  EXPECT_TRUE(is_output_port(current_output_port(*g_thread)));
  EXPECT_TRUE(is_output_port(current_error_port(*g_thread)));
  EXPECT_EQ(call("%current-port-cell", {fx(1)}), g_thread->current_output_cell);
}

TEST_F(Ports, StringInputPort) {
  Value p = make_string_input_port(make_string("aλ\nb"));
  EXPECT_EQ(port_peek_char(p), 'a');
  EXPECT_EQ(port_read_char(p), 'a');
  EXPECT_EQ(port_read_char(p), 0x3bb);
  EXPECT_EQ(port_read_char(p), '\n');
  EXPECT_EQ(port_read_char(p), 'b');
  EXPECT_EQ(port_read_char(p), -1);
  EXPECT_EQ(port_peek_char(p), -1);
}

TEST_F(Ports, StringInputPortCopiesMutableString) {
  Value s = make_string("ab");
  Value p = make_string_input_port(s);
  as_string(s)->chars[0] = 'z';
  EXPECT_EQ(port_read_char(p), 'a');
}

TEST_F(Ports, StringOutputRoundTrip) {
  Value out = call("open-output-string", {});
  call("write", {list({make_string("x\"y"), Value::character('c'), intern("s")}), out});
  call("write-char", {Value::character(' '), out});
  call("display", {make_string("λ"), out});
  call("newline", {out});
  call("write-string", {make_string("abcdef"), out, fx(2), fx(4)});
  Value s = call("get-output-string", {out});
  EXPECT_EQ(utf8(s), "(\"x\\\"y\" #\\c s) λ\ncd");

  Value in = call("open-input-string", {s});
  Value line = call("read-line", {in});
  EXPECT_EQ(utf8(line), "(\"x\\\"y\" #\\c s) λ");
  EXPECT_EQ(utf8(call("read-string", {fx(10), in})), "cd");
  EXPECT_EQ(call("read-string", {fx(10), in}), kEof);
  EXPECT_EQ(call("read-line", {in}), kEof);
  EXPECT_EQ(call("read-char", {in}), kEof);
}

TEST_F(Ports, ReadLineStripsCrLf) {
  Value in = make_string_input_port(make_string("a\r\nb\n\nc"));
  EXPECT_EQ(utf8(call("read-line", {in})), "a");
  EXPECT_EQ(utf8(call("read-line", {in})), "b");
  EXPECT_EQ(utf8(call("read-line", {in})), "");
  EXPECT_EQ(utf8(call("read-line", {in})), "c");
  EXPECT_EQ(call("read-line", {in}), kEof);
}

TEST_F(Ports, BytevectorPorts) {
  Value out = call("open-output-bytevector", {});
  call("write-u8", {fx(1), out});
  Value bv = make_bytevector(4, 9);
  call("write-bytevector", {bv, out, fx(1), fx(3)});
  Value got = call("get-output-bytevector", {out});
  ASSERT_EQ(bytevector_length(got), 3);
  EXPECT_EQ(bytevector_bytes(got)[0], 1);
  EXPECT_EQ(bytevector_bytes(got)[2], 9);

  Value in = call("open-input-bytevector", {got});
  EXPECT_EQ(call("peek-u8", {in}), fx(1));
  EXPECT_EQ(call("read-u8", {in}), fx(1));
  Value rest = call("read-bytevector", {fx(10), in});
  EXPECT_EQ(bytevector_length(rest), 2);
  EXPECT_EQ(call("read-bytevector", {fx(10), in}), kEof);
  EXPECT_EQ(call("read-u8", {in}), kEof);
}

TEST_F(Ports, ReadBytevectorBang) {
  Value in = make_bytevector_input_port(make_bytevector(3, 5));
  Value dst = make_bytevector(5, 0);
  EXPECT_EQ(call("read-bytevector!", {dst, in, fx(1)}), fx(3));
  EXPECT_EQ(bytevector_bytes(dst)[0], 0);
  EXPECT_EQ(bytevector_bytes(dst)[3], 5);
  EXPECT_EQ(call("read-bytevector!", {dst, in}), kEof);
}

TEST_F(Ports, WrongSortsAndClosedPortsRaise) {
  Value in = make_string_input_port(make_string("x"));
  EXPECT_EQ(call("write-char", {Value::character('a'), in}), kRaise);
  EXPECT_EQ(call("read-u8", {in}), kRaise);
  EXPECT_EQ(call("write-u8", {fx(300), make_bytevector_output_port()}), kRaise);
  EXPECT_EQ(call("write-string", {make_string("ab"), make_string_output_port(), fx(1), fx(5)}), kRaise);
  EXPECT_EQ(call("input-port-open?", {in}), kTrue);
  call("close-port", {in});
  EXPECT_EQ(call("input-port-open?", {in}), kFalse);
  EXPECT_EQ(call("read-char", {in}), kRaise);
  EXPECT_EQ(call("close-port", {in}), kUnspecified);  // closing twice is fine
  EXPECT_EQ(call("get-output-string", {in}), kRaise);
}

TEST_F(Ports, Predicates) {
  Value sin = make_string_input_port(make_string(""));
  Value bout = make_bytevector_output_port();
  EXPECT_EQ(call("input-port?", {sin}), kTrue);
  EXPECT_EQ(call("output-port?", {sin}), kFalse);
  EXPECT_EQ(call("textual-port?", {sin}), kTrue);
  EXPECT_EQ(call("binary-port?", {sin}), kFalse);
  EXPECT_EQ(call("binary-port?", {bout}), kTrue);
  EXPECT_EQ(call("port?", {fx(1)}), kFalse);
  EXPECT_EQ(call("eof-object?", {call("eof-object", {})}), kTrue);
  EXPECT_EQ(call("char-ready?", {sin}), kTrue);
}

TEST_F(Ports, FileWriteThenRead) {
  std::string path = temp_path("text");
  Value name = make_string(path);
  Value out = call("open-output-file", {name});
  ASSERT_NE(out, kRaise);
  call("write", {list({fx(1), make_string("two"), Value::character(0x3bb)}), out});
  call("newline", {out});
  call("display", {make_string("second line"), out});
  call("close-output-port", {out});
  EXPECT_EQ(call("output-port-open?", {out}), kFalse);
  EXPECT_EQ(call("file-exists?", {name}), kTrue);

  Value in = call("open-input-file", {name});
  ASSERT_NE(in, kRaise);
  EXPECT_EQ(utf8(call("read-line", {in})), "(1 \"two\" #\\λ)");
  EXPECT_EQ(call("peek-char", {in}), Value::character('s'));
  EXPECT_EQ(utf8(call("read-line", {in})), "second line");
  EXPECT_EQ(call("read-char", {in}), kEof);
  call("close-input-port", {in});

  EXPECT_EQ(call("delete-file", {name}), kUnspecified);
  EXPECT_EQ(call("file-exists?", {name}), kFalse);
}

TEST_F(Ports, BinaryFileAndLargeData) {
  std::string path = temp_path("bin");
  Value name = make_string(path);
  Value out = call("open-binary-output-file", {name});
  ASSERT_NE(out, kRaise);
  const int n = 200000;  // more than one buffer
  for (int i = 0; i < n; ++i) port_write_u8(out, static_cast<uint8_t>(i));
  call("close-port", {out});

  Value in = call("open-binary-input-file", {name});
  ASSERT_NE(in, kRaise);
  int count = 0;
  bool ok = true;
  for (int32_t b; (b = port_read_u8(in)) >= 0; ++count) ok = ok && b == static_cast<uint8_t>(count);
  EXPECT_TRUE(ok);
  EXPECT_EQ(count, n);
  call("close-port", {in});
  ::unlink(path.c_str());
}

TEST_F(Ports, InvalidUtf8BecomesReplacementChar) {
  std::string path = temp_path("utf8");
  Value out = open_file_port(path, false, true);
  const uint8_t bytes[] = {'a', 0xff, 0xce, 0xbb, 0xe2, 'b'};
  port_write_bytes(out, bytes, sizeof bytes);
  port_close(out, true, true);
  Value in = open_file_port(path, true, false);
  EXPECT_EQ(port_read_char(in), 'a');
  EXPECT_EQ(port_read_char(in), 0xfffd);
  EXPECT_EQ(port_read_char(in), 0x3bb);
  EXPECT_EQ(port_read_char(in), 0xfffd);
  EXPECT_EQ(port_read_char(in), 'b');
  EXPECT_EQ(port_read_char(in), -1);
  port_close(in, true, true);
  ::unlink(path.c_str());
}

TEST_F(Ports, FileErrors) {
  Value missing = make_string("/nonexistent/dir/kiln-no-such-file");
  EXPECT_EQ(call("open-input-file", {missing}), kRaise);
  EXPECT_EQ(pending_kind(), "file-error");
  EXPECT_EQ(call("delete-file", {missing}), kRaise);
  EXPECT_EQ(pending_kind(), "file-error");
  EXPECT_EQ(call("open-input-file", {make_string("/")}), kRaise);
  EXPECT_EQ(pending_kind(), "file-error");
  EXPECT_EQ(call("open-input-file", {fx(3)}), kRaise);
}

TEST_F(Ports, DefaultPortIsCurrentOutput) {
  // What parameterize does to the current-output-port parameter's cell.
  Pair* cell = g_thread->current_output_cell.as_pair();
  Value saved = cell->car;
  Value out = make_string_output_port();
  cell->car = out;
  call("display", {fx(12)});
  call("newline", {});
  call("write", {make_string("s")});
  cell->car = saved;
  EXPECT_EQ(utf8(port_output_string(out)), "12\n\"s\"");
}

TEST_F(Ports, UnclosedFileOutputIsFlushedAtExit) {
  std::string path = temp_path("unclosed");
  Value out = open_file_port(path, false, false);
  port_write_utf8(out, "pending");
  flush_standard_ports();
  Value in = open_file_port(path, true, false);
  EXPECT_EQ(port_read_char(in), 'p');
  port_close(in, true, true);
  port_close(out, true, true);
  ::unlink(path.c_str());
}

TEST_F(Ports, PipeBufferingAndCharReady) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  Value in = make_fd_port(fds[0], kPortInput | kPortTextual, make_string("pipe"), true);
  Value out = make_fd_port(fds[1], kPortOutput | kPortTextual, make_string("pipe"), true);
  EXPECT_FALSE(port_char_ready(in));
  port_write_utf8(out, "λa\n");  // a pipe is block buffered: nothing sent yet
  EXPECT_FALSE(port_char_ready(in));
  port_flush(out);
  EXPECT_TRUE(port_char_ready(in));
  EXPECT_EQ(port_read_char(in), 0x3bb);
  EXPECT_EQ(port_peek_char(in), 'a');
  EXPECT_EQ(port_read_char(in), 'a');
  EXPECT_EQ(port_read_char(in), '\n');
  port_close(out, false, true);
  EXPECT_TRUE(port_char_ready(in));  // end of file counts as ready
  EXPECT_EQ(port_read_char(in), -1);
  port_close(in, true, false);
  EXPECT_EQ(write_to_string(in), "#<port pipe>");
}

TEST_F(Ports, DroppedFilePortsAreReclaimed) {
  std::string path = temp_path("many");
  port_close(open_file_port(path, false, false), true, true);
  // Far more opens than the usual descriptor limit, none closed.
  for (int i = 0; i < 5000; ++i) ASSERT_TRUE(is_port(open_file_port(path, true, false)));
  ::unlink(path.c_str());
}

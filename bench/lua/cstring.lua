-- cstring: LuaJIT version of programs/cstring.scm (needs the ffi module).
-- A Lua string is passed as const char* without a copy (Lua strings are
-- NUL-terminated), so this measures the call alone.
local ffi = require("ffi")
ffi.cdef("int count_bytes(const char *s);")
local lib = ffi.load(os.getenv("BENCH_FFI_LIB"))
local count_bytes = lib.count_bytes
local n = tonumber(arg[1] or 20000000)
local sum = 0
for _ = 1, n do sum = sum + count_bytes("hello, world") end
print(sum)

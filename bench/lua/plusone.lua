-- plusone: LuaJIT version of programs/plusone.scm (needs the ffi module, so
-- plain Lua has none). bench/run names the library in BENCH_FFI_LIB.
local ffi = require("ffi")
ffi.cdef("int plusone(int x);")
local lib = ffi.load(os.getenv("BENCH_FFI_LIB"))
local plusone = lib.plusone
local n = tonumber(arg[1] or 100000000)
local x = 0
while x < n do x = plusone(x) end
print(x)

-- tak: Lua version of programs/tak.scm.
local function tak(x, y, z)
  if not (y < x) then return z end
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
end
local n, sum = tonumber(arg[1] or 5000), 0
for i = 0, n - 1 do sum = sum + tak(18, 12, 6) end
print(sum)

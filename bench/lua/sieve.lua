-- sieve: Lua version of programs/sieve.scm.
local function count_primes(n)
  local v, count = {}, 0
  for i = 0, n do v[i] = true end
  for i = 2, n do
    if v[i] then
      for j = i * i, n, i do v[j] = false end
      count = count + 1
    end
  end
  return count
end
local n, reps, r = tonumber(arg[1] or 1000000), tonumber(arg[2] or 80), 0
for _ = 1, reps do r = count_primes(n) end
print(r)

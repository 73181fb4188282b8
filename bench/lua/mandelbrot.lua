-- mandelbrot: Lua version of programs/mandelbrot.scm (same operation order).
local n = tonumber(arg[1] or 1500)
local count = 0
for y = 0, n - 1 do
  local ci = 2.0 * y / n - 1.0
  for x = 0, n - 1 do
    local cr, zr, zi, i = 2.0 * x / n - 1.5, 0.0, 0.0, 0
    while true do
      if i == 50 then count = count + 1 break end
      if zr * zr + zi * zi > 4.0 then break end
      zr, zi = (zr * zr - zi * zi) + cr, 2.0 * zr * zi + ci
      i = i + 1
    end
  end
end
print(count)

-- The cst_test inner loop (scenarios/cst/cst_test.c), bounded: N iterations from arg[1].
local limit = tonumber(arg[1]) or 2000000
local sqrt, random, write, stdout = math.sqrt, math.random, io.write, io.stdout
local n, sum = 0, 0.0

while n < limit do
	-- C's rand() is an int in [0, RAND_MAX]; so is this.
	sum = sum + sqrt(random(0, 2147483647))
	n = n + 1
	if n % 20000 == 0 then
		write(".")
		stdout:flush()
	end
end
print("\n" .. string.format("%.0f", sum))

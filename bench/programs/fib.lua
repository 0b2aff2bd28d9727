-- Recursive fib(30), computed N times (N from arg[1]): calls and returns.
local function fib(n)
	if n < 2 then return n end
	return fib(n - 1) + fib(n - 2)
end

local reps = tonumber(arg[1]) or 2
local total = 0
for _ = 1, reps do
	total = total + fib(30)
end
print(total)

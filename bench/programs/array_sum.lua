-- Sums a 10000-element array over and over: N element reads in all (N from arg[1]).
local SIZE = 10000
local limit = tonumber(arg[1]) or 10000000
local a = {}
for i = 1, SIZE do
	a[i] = (i - 1) % 1000
end

local sum, done = 0, 0
while done < limit do
	for i = 1, SIZE do
		sum = sum + a[i]
	end
	local k = (done // SIZE) % SIZE + 1
	a[k] = a[k] ~ 1
	done = done + SIZE
end
print(sum)

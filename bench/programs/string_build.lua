-- Builds strings piece by piece: N pieces in all (N from arg[1]); every ~4000 bytes
-- the string is joined, measured and started again.
local limit = tonumber(arg[1]) or 2000000
local format, concat = string.format, table.concat
local parts, count, len, total = {}, 0, 0, 0

for i = 0, limit - 1 do
	local piece = format("%d,", i % 100)
	count = count + 1
	parts[count] = piece
	len = len + #piece
	if len > 4000 then
		total = total + #concat(parts, "", 1, count)
		count, len = 0, 0
	end
end
print(total + len)

#include "probe/run/Stats.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <fmt/format.h>
#include <vector>

namespace kctx::probe {

namespace {

constexpr int kHistWidth = 50;   // runtime/stat.h: HIST_WIDTH
constexpr int kHistElision = 2;  // runtime/stat.h: HIST_ELISION

int needed_space(int64_t v)
{
	return static_cast<int>(fmt::format("{}", v).size());
}

}  // namespace

void Stat::add(int64_t v)
{
	if (count == 0 || v < min)
		min = v;
	if (count == 0 || v > max)
		max = v;
	count++;
	// Sums wrap as the runtime's 64-bit arithmetic does (no undefined overflow here).
	sum = static_cast<int64_t>(static_cast<uint64_t>(sum) + static_cast<uint64_t>(v));
	double delta = static_cast<double>(v) - mean;
	mean += delta / static_cast<double>(count);
	m2 += delta * (static_cast<double>(v) - mean);
	log_buckets[log_bucket(v)]++;
}

int64_t Stat::variance() const
{
	return count > 1 ? static_cast<int64_t>(m2 / static_cast<double>(count - 1)) : 0;
}

int log_bucket(int64_t v)
{
	if (v == 0)
		return 0;
	uint64_t mag = v > 0 ? static_cast<uint64_t>(v) : 0 - static_cast<uint64_t>(v);
	int k = std::bit_width(mag);   // 1 for 1, 2 for 2..3, 3 for 4..7 ...
	return v > 0 ? k : -k;
}

int64_t log_bucket_value(int bucket)
{
	if (bucket == 0)
		return 0;
	int k = std::abs(bucket) - 1;
	int64_t mag = k >= 63 ? INT64_MAX : int64_t{1} << k;
	return bucket > 0 ? mag : -mag;
}

std::string print_hist_log(const Stat& s)
{
	if (s.count == 0 || s.log_buckets.empty())
		return {};
	int low = s.log_buckets.begin()->first;
	int high = s.log_buckets.rbegin()->first;
	int64_t valmax = 0;
	for (const auto& [b, n] : s.log_buckets)
		valmax = std::max(valmax, n);
	// Up to two empty buckets on each side of the data; a log histogram does not go
	// below bucket 0 unless there are negative values.
	for (int i = 0; i < 2; i++) {
		if (low > 0)
			low--;
		if (high < 64)
			high++;
	}
	int64_t scale = valmax <= kHistWidth ? 1 : (valmax + kHistWidth - 1) / kHistWidth;
	int cnt_space = needed_space(valmax);
	int val_space = std::max({needed_space(log_bucket_value(high)), needed_space(log_bucket_value(low)), 5});
	std::string out = fmt::format("{:>{}} |{} count\n", "value", val_space, std::string(kHistWidth, '-'));
	auto count_of = [&](int b) {
		auto it = s.log_buckets.find(b);
		return it == s.log_buckets.end() ? int64_t{0} : it->second;
	};
	for (int b = low; b <= high; b++) {
		int64_t n = count_of(b);
		// A run of empty buckets longer than twice HIST_ELISION keeps its first and last
		// HIST_ELISION rows; one `~` line stands for the rest.
		if (n == 0) {
			int run_end = b;
			while (run_end + 1 <= high && count_of(run_end + 1) == 0)
				run_end++;
			int run = run_end - b + 1;
			if (run > 2 * kHistElision && b != low && run_end != high) {
				for (int i = 0; i < kHistElision; i++)
					out += fmt::format("{:>{}} |{:>{}}\n", log_bucket_value(b + i), val_space, 0,
							   kHistWidth + cnt_space);
				out += std::string(static_cast<size_t>(val_space) + 1, ' ') + "~\n";
				b = run_end - kHistElision;
				continue;
			}
		}
		int64_t bar = n / scale;
		out += fmt::format("{:>{}} |{}{:>{}}\n", log_bucket_value(b), val_space, std::string(static_cast<size_t>(bar), '@'),
				   n, static_cast<int>(kHistWidth + cnt_space - bar));
	}
	return out;
}

}  // namespace kctx::probe

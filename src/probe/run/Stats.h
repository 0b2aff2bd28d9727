#pragma once
// Statistics aggregates (`x <<< v`): what @count, @sum, @min, @max, @avg, @variance and
// the histograms read, and the histogram text stap's runtime prints
// (runtime/stat-common.c, _stp_stat_print_histogram_buf).

#include <cstdint>
#include <map>
#include <string>

namespace kctx::probe {

struct Stat {
	int64_t count = 0;
	int64_t sum = 0;
	int64_t min = 0;
	int64_t max = 0;
	// Welford's running mean and squared deviations, for @variance.
	double mean = 0;
	double m2 = 0;
	// @hist_log's buckets by index (log_bucket).
	std::map<int, int64_t> log_buckets;

	void add(int64_t v);
	[[nodiscard]] int64_t avg() const { return count ? sum / count : 0; }
	[[nodiscard]] int64_t variance() const;
};

// The @hist_log bucket of v: 0 holds 0, bucket k > 0 holds [2^(k-1), 2^k), negative
// buckets mirror them.
[[nodiscard]] int log_bucket(int64_t v);
// The value a log bucket's row is labelled with.
[[nodiscard]] int64_t log_bucket_value(int bucket);

// print(@hist_log(x)) for `s`; empty when nothing was added (stap prints nothing then).
[[nodiscard]] std::string print_hist_log(const Stat& s);
}  // namespace kctx::probe

// `kctx run --html FILE`: one self-contained HTML page (no network, no external script or
// font) that draws a TimelineSink: a timeline per CPU of nested context bands, its
// preempt_count and irqs-off tracks, each task's state, the reports marked and linked to
// their lines in the console beside it. docs/html.md describes the page.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "trace/Timeline.h"

namespace kctx::trace {

struct PageInfo {
	std::string title;     // the scenario ("examples/cst")
	std::string summary;   // kctx's summary line
};

// The page's data: what the script draws. Times are ns; each lane's segments are flat
// [start - previous start, length, value, label] quadruples (label < 0: -N segments merged).
[[nodiscard]] nlohmann::json timeline_json(const TimelineSink& sink, const PageInfo& info);
// The title a report's lines give it: its first line that names the problem ("BUG: …",
// "WARNING: …"), without the printk timestamp.
[[nodiscard]] std::string report_title(std::string_view lines);
// The whole page.
[[nodiscard]] std::string html_page(const TimelineSink& sink, const PageInfo& info);
// The page's fixed part (HtmlAssets.cpp): the data goes where the marker is.
[[nodiscard]] std::string_view html_template();
inline constexpr std::string_view kHtmlDataMarker = "/*KCTX_DATA*/";

}  // namespace kctx::trace

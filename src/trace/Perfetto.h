// The Perfetto sink: a Chrome JSON trace (the "Trace Event Format" that ui.perfetto.dev and
// chrome://tracing load). One track per CPU, with a slice for every stretch a task ran
// there (from sched_switch to sched_switch) and instant events for interrupts, softirqs,
// syscalls, timers and printk; one track per task with its running slices; process and
// thread names as metadata events.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "trace/Event.h"
#include "trace/Sink.h"

namespace kctx::trace {

// The CPU tracks live in a process of their own, numbered above any pid kctx hands out.
inline constexpr int32_t kCpuTracksPid = 1'000'000;

class PerfettoSink final : public Sink {
public:
	[[nodiscard]] uint32_t categories() const override { return kCategoryAll; }
	void event(const Event& e) override;
	void cpu_start(uint32_t cpu, uint64_t ts, const TaskInfo& curr) override;
	void cpu_end(uint32_t cpu, uint64_t ts) override;

	// The whole trace as a JSON document. Call after the CPUs have ended.
	[[nodiscard]] nlohmann::json document() const;
	// document(), serialized (invalid UTF-8 in names replaced, never thrown).
	[[nodiscard]] std::string text() const;

private:
	struct Running {
		TaskInfo task;
		uint64_t since = 0;
		bool open = false;
	};
	void name_task(const TaskInfo& t);
	void open_slice(uint32_t cpu, uint64_t ts, const TaskInfo& t);
	void close_slice(uint32_t cpu, uint64_t ts, const std::string& end_state);
	void instant(const Event& e, std::string name, nlohmann::json args);
	Running& running(uint32_t cpu);

	std::vector<Running> m_running;        // by CPU
	std::map<int32_t, TaskInfo> m_tasks;   // by pid, the last name seen
	nlohmann::json m_events = nlohmann::json::array();
};

}  // namespace kctx::trace

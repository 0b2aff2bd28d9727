// The whole script: its commands into pipelines, '&&' and '||' into conditions, and
// if/elif/else/fi into labels and jumps around them.
#include <fmt/format.h>

#include "shell/Planner.h"

namespace kctx::shell {

namespace {

using plan::Planner;

// if LIST; then LIST; [elif LIST; then LIST;]... [else LIST;] fi, as labels and jumps:
//
//	if A; then B; elif C; then D; else E; fi
//	    A  jump-if-failure L1  B  jump L0
//	L1: C  jump-if-failure L2  D  jump L0
//	L2: E
//	L0:
//
// Without else, the last label sets $? to 0: an if none of whose conditions held
// succeeds (POSIX 2.9.4.4). Messages are ash's ("syntax error: unexpected "fi"").
class IfBuilder {
public:
	IfBuilder(Planner& planner, DiagnosticSink& diags) : m_planner(planner), m_diags(diags) {}

	// If `c` starts with a reserved word of an if, takes it off and does what it says.
	bool reserved_word(Command& c, Condition condition)
	{
		const Word& w = c.words.front();
		if (w.quoted || !w.is_literal())
			return false;
		std::string word = w.literal();
		if (word != "if" && word != "then" && word != "elif" && word != "else" && word != "fi")
			return false;
		Word at = w;
		c.words.erase(c.words.begin());
		if (condition != Condition::Always) {
			unexpected(at, word == "if" ? "an if after '&&' or '||' is not supported in init.sh"
						    : fmt::format("syntax error: unexpected \"{}\"", word));
			return true;
		}
		if (c.words.empty() && (!c.redirects.empty() || c.background || c.next != Connector::None)) {
			unexpected(at, fmt::format("'{}' followed by a redirection, '&', '|', '&&' or '||' is not "
						   "supported in init.sh",
						   word));
			return true;
		}
		uint32_t line = at.loc.line;
		if (word == "if") {
			m_frames.push_back({m_labels++, m_labels++, Part::Condition, at, false});
			m_planner.set_branch_depth(m_frames.size());
			return true;
		}
		if (m_frames.empty() || !expects(word)) {
			unexpected(at, fmt::format("syntax error: unexpected \"{}\"", word));
			return true;
		}
		Frame& f = m_frames.back();
		if (!f.listed) {
			unexpected(at, fmt::format("syntax error: unexpected \"{}\"", word));
			return true;
		}
		f.listed = false;
		if (word == "then") {
			m_planner.control(line, "then", Jump{f.next, JumpWhen::IfFailure});
			f.part = Part::Body;
			return true;
		}
		if (word == "elif" || word == "else") {
			m_planner.control(line, word, Jump{f.end, JumpWhen::Always});
			m_planner.control(line, word, Label{f.next});
			f.next = m_labels++;
			f.part = word == "elif" ? Part::Condition : Part::Else;
			return true;
		}
		// fi
		if (f.part == Part::Body) {
			m_planner.control(line, "fi", Jump{f.end, JumpWhen::Always});
			m_planner.control(line, "fi", Label{f.next});
			m_planner.control(line, "fi: no condition held", SetStatus{0});
		}
		m_planner.control(line, "fi", Label{f.end});
		m_frames.pop_back();
		m_planner.set_branch_depth(m_frames.size());
		return true;
	}

	// A pipeline was planned in the innermost if's current list.
	void listed()
	{
		if (!m_frames.empty())
			m_frames.back().listed = true;
	}
	[[nodiscard]] bool in_condition() const { return !m_frames.empty() && m_frames.back().part == Part::Condition; }

	void finish()
	{
		if (!m_frames.empty())
			m_diags.error(m_frames.back().where.loc, "syntax error: unexpected end of file (expecting \"fi\")",
				      m_frames.back().where.length);
	}

private:
	enum class Part : uint8_t { Condition, Body, Else };   // what the commands now being read are
	struct Frame {
		uint32_t next = 0;   // the label after this branch: the next elif, else or fi
		uint32_t end = 0;    // the label after fi
		Part part = Part::Condition;
		Word where;          // the if, for an unterminated one
		bool listed = false; // a command was read since the last reserved word
	};

	[[nodiscard]] bool expects(const std::string& word) const
	{
		Part part = m_frames.back().part;
		if (word == "then")
			return part == Part::Condition;
		return part == Part::Body || (word == "fi" && part == Part::Else);
	}
	void unexpected(const Word& at, std::string message) { m_diags.error(at.loc, std::move(message), at.length); }

	Planner& m_planner;
	DiagnosticSink& m_diags;
	std::vector<Frame> m_frames;
	uint32_t m_labels = 0;
};

}   // namespace

ScriptPlan plan_script(const std::vector<Command>& commands, std::string script_name, DiagnosticSink& diags)
{
	// Job numbers are checked against the whole script, and a bare "cst_test" is
	// recognised as a missing "./" when the script runs ./cst_test elsewhere.
	uint32_t jobs = 0;
	std::set<std::string> programs;
	for (const Command& c : commands) {
		const Word& first = c.words.front();
		if (c.background)
			jobs++;
		if (!first.is_literal() || !first.literal().starts_with("./"))
			continue;
		programs.insert(first.literal().substr(2));
	}
	Planner planner(std::move(script_name), diags, jobs, std::move(programs));
	// busybox's sudo is not there; a guide's "sudo CMD" runs CMD as init's root does.
	std::vector<Command> cmds = commands;
	for (Command& c : cmds) {
		while (c.words.size() > 1 && !c.words.front().quoted && c.words.front().is_literal() &&
		       c.words.front().literal() == "sudo")
			c.words.erase(c.words.begin());
	}
	// Pipelines are the commands joined by '|'; '&&' and '||' make the next one conditional.
	// A command that starts with if, then, elif, else or fi is that word of an if
	// (IfBuilder) and then, if more words follow, the command they make.
	Condition condition = Condition::Always;
	IfBuilder ifs(planner, diags);
	for (size_t i = 0; i < cmds.size();) {
		if (ifs.reserved_word(cmds[i], condition)) {
			if (cmds[i].words.empty())
				i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < cmds.size() && cmds[j].next == Connector::Pipe)
			j++;
		// set -e does not end the script at an if's condition, nor where '&&' or '||' goes on.
		planner.set_errexit(!ifs.in_condition() && cmds[j].next != Connector::And && cmds[j].next != Connector::Or);
		planner.pipeline(std::span<const Command>(cmds).subspan(i, j - i + 1), condition);
		ifs.listed();
		condition = cmds[j].next == Connector::And  ? Condition::IfSuccess
			    : cmds[j].next == Connector::Or ? Condition::IfFailure
							    : Condition::Always;
		i = j + 1;
	}
	ifs.finish();
	return planner.take();
}

}   // namespace kctx::shell

// A C source being written a line at a time, with the indentation of its blocks.
#pragma once

#include <string>

namespace kctx::fuzz {

class CodeWriter {
public:
	void line(const std::string& text)
	{
		m_text.append(m_depth, '\t');
		m_text += text;
		m_text += '\n';
	}
	void open(const std::string& head)
	{
		line(head + " {");
		++m_depth;
	}
	// A block whose "{" ended the line just written ("} else {").
	void enter() { ++m_depth; }
	void close(const std::string& tail = "}")
	{
		--m_depth;
		line(tail);
	}
	void blank() { m_text += '\n'; }
	[[nodiscard]] const std::string& text() const { return m_text; }

private:
	std::string m_text;
	int m_depth = 0;
};

}  // namespace kctx::fuzz

/* A table-driven state machine that recognises signed decimal numbers. */
#include <stdio.h>

enum state { START, SIGN, INT, DOT, FRAC, ERR, NSTATES };
enum cls { C_SIGN, C_DIGIT, C_DOT, C_OTHER };

static enum cls classify(char c)
{
	if (c == '+' || c == '-') return C_SIGN;
	if (c >= '0' && c <= '9') return C_DIGIT;
	if (c == '.') return C_DOT;
	return C_OTHER;
}

static const enum state next[NSTATES][4] = {
	[START] = {SIGN, INT, DOT, ERR},
	[SIGN] = {ERR, INT, DOT, ERR},
	[INT] = {ERR, INT, FRAC, ERR},
	[DOT] = {ERR, FRAC, ERR, ERR},
	[FRAC] = {ERR, FRAC, ERR, ERR},
	[ERR] = {ERR, ERR, ERR, ERR},
};

int main(void)
{
	const char *inputs[] = {"42", "-3.14", "+.5", "1.", "--1", "1.2.3", "", "abc", "007"};
	for (int i = 0; i < 9; i++) {
		enum state s = START;
		for (const char *p = inputs[i]; *p; p++)
			s = next[s][classify(*p)];
		printf("%-6s %s\n", inputs[i], s == INT || s == FRAC ? "number" : "no");
	}
	return 0;
}

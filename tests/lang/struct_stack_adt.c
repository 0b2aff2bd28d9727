/* A stack abstract data type in a struct, used to check bracket balance. */
#include <stdio.h>

struct stack { char items[64]; int top; };
static void push(struct stack *s, char c) { s->items[s->top++] = c; }
static int pop(struct stack *s, char *c) { if (!s->top) return 0; *c = s->items[--s->top]; return 1; }

static int balanced(const char *text)
{
	struct stack s = {.top = 0};
	for (; *text; text++) {
		char open;
		switch (*text) {
		case '(': case '[': case '{': push(&s, *text); break;
		case ')': if (!pop(&s, &open) || open != '(') return 0; break;
		case ']': if (!pop(&s, &open) || open != '[') return 0; break;
		case '}': if (!pop(&s, &open) || open != '{') return 0; break;
		}
	}
	return s.top == 0;
}

int main(void)
{
	const char *t[] = {"f(a[1]) { }", "([)]", "((", "", "{[()()]}", ")"};
	for (int i = 0; i < 6; i++)
		printf("%-12s %d\n", t[i], balanced(t[i]));
	return 0;
}

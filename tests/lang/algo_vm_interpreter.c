/* A tiny stack-machine interpreter: enum opcodes, switch dispatch, a program array. */
#include <stdio.h>

enum op { PUSH, ADD, SUB, MUL, DUP, SWAP, JNZ, PRINT, HALT };
struct insn { enum op op; int arg; };

int main(void)
{
	/* counts 5 down to 1, printing n*n each time */
	struct insn prog[] = {
		{PUSH, 5},
		{DUP, 0}, {DUP, 0}, {MUL, 0}, {PRINT, 0},
		{PUSH, 1}, {SUB, 0}, {DUP, 0}, {JNZ, 1},
		{HALT, 0},
	};
	int stack[16], sp = 0, pc = 0, steps = 0;
	for (;;) {
		struct insn in = prog[pc++];
		steps++;
		switch (in.op) {
		case PUSH: stack[sp++] = in.arg; break;
		case ADD: sp--; stack[sp - 1] += stack[sp]; break;
		case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
		case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
		case DUP: stack[sp] = stack[sp - 1]; sp++; break;
		case SWAP: { int t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
		case JNZ: if (stack[--sp]) pc = in.arg; break;
		case PRINT: printf("%d\n", stack[--sp]); break;
		case HALT: printf("halt after %d steps, sp=%d\n", steps, sp); return 0;
		}
	}
}

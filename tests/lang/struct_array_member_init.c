/* Structs holding arrays: string members, partial array members, copies. */
#include <stdio.h>
#include <string.h>

struct user { char name[12]; int scores[4]; };

int main(void)
{
	struct user u = {"ada", {90, 85}};
	printf("%s %d %d %d %d\n", u.name, u.scores[0], u.scores[1], u.scores[2], u.scores[3]);
	struct user v = u;
	strcpy(v.name, "grace");
	v.scores[3] = 100;
	printf("%s %d / %s %d\n", u.name, u.scores[3], v.name, v.scores[3]);
	printf("%zu\n", sizeof(struct user));
	struct user team[2] = {{"x", {1}}, {.scores = {[3] = 4}}};
	printf("[%s] %d [%s] %d\n", team[0].name, team[0].scores[0], team[1].name, team[1].scores[3]);
	return 0;
}

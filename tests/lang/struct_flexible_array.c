/* A flexible array member: sizeof excludes it, malloc provides the space. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct msg { int len; char kind; char data[]; };
struct vec { size_t n; double v[]; };

int main(void)
{
	printf("%zu %zu\n", sizeof(struct msg), sizeof(struct vec));
	struct msg *m = malloc(sizeof *m + 6);
	m->len = 6;
	m->kind = 'T';
	memcpy(m->data, "hello", 6);
	printf("%d %c %s\n", m->len, m->kind, m->data);
	struct vec *v = malloc(sizeof *v + 4 * sizeof(double));
	v->n = 4;
	for (size_t i = 0; i < v->n; i++)
		v->v[i] = i * 1.5;
	double s = 0;
	for (size_t i = 0; i < v->n; i++)
		s += v->v[i];
	printf("%zu %.1f\n", v->n, s);
	free(m);
	free(v);
	return 0;
}

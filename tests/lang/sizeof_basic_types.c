/* sizeof of every basic type on x86-64 (LP64). */
#include <stdio.h>
#include <stddef.h>

int main(void)
{
	printf("char %zu\n", sizeof(char));
	printf("short %zu\n", sizeof(short));
	printf("int %zu\n", sizeof(int));
	printf("long %zu\n", sizeof(long));
	printf("long long %zu\n", sizeof(long long));
	printf("float %zu\n", sizeof(float));
	printf("double %zu\n", sizeof(double));
	printf("_Bool %zu\n", sizeof(_Bool));
	printf("void* %zu\n", sizeof(void *));
	printf("int* %zu\n", sizeof(int *));
	printf("fnptr %zu\n", sizeof(int (*)(void)));
	printf("size_t %zu\n", sizeof(size_t));
	printf("unsigned %zu\n", sizeof(unsigned));
	printf("long int %zu\n", sizeof(long int));
	printf("short int %zu\n", sizeof(short int));
	printf("unsigned long long %zu\n", sizeof(unsigned long long));
	return 0;
}

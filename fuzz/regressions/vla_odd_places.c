/* VLAs in odd places: sizeof at file scope, statement expressions, goto and switch around them */
int n = 4;
long s = sizeof(int[n]);
int f(int k) { int r = ({ char b[k]; goto out; b[0]; }); out: return sizeof(char[k][k]) + r; }
int g(int k) { switch (k) { int a[k]; default: a[0] = 1; } for (char z[k]; ; ) { break; } return 0; }
int h(int k) { int (*p)[k] = 0; p++; return p - p; }
int m(int k) { int a[k][k][k]; return sizeof a[0][0] + sizeof(a); }

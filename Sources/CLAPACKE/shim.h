// Includes the system LAPACKE header (C interface to LAPACK).
#include <lapacke.h>

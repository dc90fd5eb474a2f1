// Includes the system CBLAS header; the provider is chosen at run time by the
// Debian alternatives system (OpenBLAS when installed).
#include <cblas.h>

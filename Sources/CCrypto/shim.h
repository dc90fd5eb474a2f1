// Includes OpenSSL's libcrypto digest interface (used for input SHA-256).
#include <openssl/evp.h>
#include <openssl/sha.h>

/* utf8.c - being written */
#include "utf8.h"

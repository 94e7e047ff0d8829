/* loader.c - being written */
#include "loader.h"

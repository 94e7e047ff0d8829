#ifndef HANDOUT_ERROR_H
#define HANDOUT_ERROR_H
#endif

#ifndef HANDOUT_WRAP_H
#define HANDOUT_WRAP_H
#endif

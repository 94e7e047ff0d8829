#ifndef HANDOUT_UTF8_H
#define HANDOUT_UTF8_H
#endif

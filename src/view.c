/* view.c - names, titles and key contexts of the views, from VIEW_INFO. */
#include "view.h"

#include <stddef.h>

static const struct {
	const char *name, *title;
	enum keymap_context ctx;
} view_info[VIEW_COUNT] = {
#define VIEW_ROW_(ID, id, title, ctx) [VIEW_##ID] = { #id, title, ctx },
	VIEW_INFO(VIEW_ROW_)
#undef VIEW_ROW_
};

const char *view_name(enum view v)
{
	return (unsigned)v < VIEW_COUNT ? view_info[v].name : NULL;
}

const char *view_title(enum view v)
{
	return (unsigned)v < VIEW_COUNT ? view_info[v].title : NULL;
}

enum keymap_context view_keymap_context(enum view v)
{
	return (unsigned)v < VIEW_COUNT ? view_info[v].ctx : KEYCTX_ANY;
}

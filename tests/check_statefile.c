/* check_statefile.c - saved state: where it lives, the round trip, atomic
 * saves that survive crashes and full disks, and bad files set aside.
 *
 * The test binary is linked with -Wl,--wrap=rename,--wrap=write (see
 * Makefile.am, and read too): the library's calls come here first, so a test can make a
 * save fail or "crash" at an exact step without any hook in the code.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reader_fixture.h"
#include "state.h"
#include "statefile.h"
#include "testutil.h"

/* ---- the injected failures ------------------------------------------ */

enum inject { NONE, RENAME_EIO, CRASH_AT_RENAME, WRITE_ENOSPC, READ_EIO };
static enum inject inject;
static int renames;

int __real_rename(const char *from, const char *to);
int __wrap_rename(const char *from, const char *to);
ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n);

int __wrap_rename(const char *from, const char *to)
{
	renames++;
	if (inject == CRASH_AT_RENAME)
		_exit(0);               /* the power goes: nothing after runs */
	if (inject == RENAME_EIO) {
		errno = EIO;
		return -1;
	}
	return __real_rename(from, to);
}

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	if (inject == WRITE_ENOSPC && fd > 2) {
		errno = ENOSPC;
		return -1;
	}
	return __real_write(fd, buf, n);
}

ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	if (inject == READ_EIO && fd > 2) {
		errno = EIO;
		return -1;
	}
	return __real_read(fd, buf, n);
}

/* ---- helpers --------------------------------------------------------- */

static const struct document *doc;
static char dir[256], path[512];

static void setup(void)
{
	doc = fixture_doc();
	inject = NONE;
	renames = 0;
	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	snprintf(path, sizeof path, "%s/fixture.state", dir);
}

static void teardown(void)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", dir, dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

static void put_file(const char *p, const char *text, size_t len)
{
	FILE *f = fopen(p, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* The file's bytes, NUL-terminated, or NULL when it is not there. */
static char *get_file(const char *p, size_t *len)
{
	FILE *f = fopen(p, "r");
	if (!f)
		return NULL;
	char *buf = calloc(1, 200000);
	*len = fread(buf, 1, 199999, f);
	fclose(f);
	return buf;
}

/* How many entries dir holds (. and .. aside). */
static int entries(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(dp);
	while ((e = readdir(dp)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(dp);
	return n;
}

/* A state for the fixture at 50x8 with items 0 and 2 ticked, in section
 * 2, scrolled down a few lines. */
static void some_state(struct reader_state *st)
{
	ck_assert_int_eq(state_init(st, doc), 0);
	state_resize(st, doc, 50, 8);
	state_toggle_check(st, 0);
	state_toggle_check(st, 2);
	state_goto_section(st, doc, 2);
	for (int i = 0; i < 5; i++)
		state_apply(st, doc, ACTION_LINE_DOWN);
	ck_assert_uint_gt(st->top, 0);
}

static struct statefile *open_loaded(struct herror *w)
{
	struct statefile *sf = statefile_open(doc, dir, w);

	ck_assert_ptr_nonnull(sf);
	statefile_load(sf, doc, w);
	return sf;
}

static void save_some(void)
{
	struct reader_state st;
	struct herror w;
	struct statefile *sf = open_loaded(&w);

	some_state(&st);
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 0);
	ck_assert_int_eq(w.code, HERR_OK);
	state_free(&st);
	statefile_close(sf);
}

/* ---- where ----------------------------------------------------------- */

START_TEST(test_dir_rules)
{
	char buf[512];

	setenv("HOME", "/home/pat", 1);
	setenv("XDG_STATE_HOME", "/srv/state", 1);
	ck_assert_int_eq(statefile_dir(buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "/srv/state/handout");
	/* Relative and empty XDG paths are ignored, as the spec says. */
	setenv("XDG_STATE_HOME", "state", 1);
	ck_assert_int_eq(statefile_dir(buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "/home/pat/.local/state/handout");
	setenv("XDG_STATE_HOME", "", 1);
	ck_assert_int_eq(statefile_dir(buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "/home/pat/.local/state/handout");
	/* No HOME: the password database's. */
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	ck_assert_int_eq(statefile_dir(buf, sizeof buf), 0);
	ck_assert(buf[0] == '/');
	ck_assert(strstr(buf, "/.local/state/handout") != NULL);
	/* Too small a buffer is a failure, not a truncated path. */
	ck_assert_int_eq(statefile_dir(buf, 8), -1);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_null_handle_is_no_state)
{
	struct reader_state st;
	struct herror w;

	ck_assert_int_eq(statefile_load(NULL, doc, &w), 0);
	ck_assert_int_eq(w.code, HERR_OK);
	some_state(&st);
	statefile_apply(NULL, doc, &st);
	ck_assert_int_eq(statefile_save(NULL, doc, &st, &w), 0);
	statefile_close(NULL);
	ck_assert_int_eq(entries(dir), 0);
	state_free(&st);
}
END_TEST

/* ---- round trip ------------------------------------------------------ */

START_TEST(test_round_trip)
{
	struct reader_state st, back;
	struct herror w;
	struct stat sb;
	size_t len;

	some_state(&st);
	struct anchor was;
	ck_assert(state_place(&st, doc, &was));
	state_free(&st);
	save_some();

	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, 0600);
	char *text = get_file(path, &len);
	ck_assert(strncmp(text, "handout-state 1\narticle fixture\n"
			  "section questions\nplace ", 56) == 0);
	ck_assert(strstr(text, "\nchecked pain\nchecked tired\nend\n") != NULL);
	free(text);

	struct statefile *sf = open_loaded(&w);
	ck_assert_int_eq(w.code, HERR_OK);
	ck_assert_int_eq(state_init(&back, doc), 0);
	state_resize(&back, doc, 50, 8);
	statefile_apply(sf, doc, &back);
	ck_assert(back.checked[0] && !back.checked[1] && back.checked[2]);
	ck_assert_uint_eq(back.nchecked, 2);
	ck_assert_uint_eq(back.section, 2);
	some_state(&st);
	ck_assert_uint_eq(back.top, st.top);

	/* The place is the text, not the line: at another width the same
	 * words are at the top. */
	state_resize(&back, doc, 36, 9);
	struct anchor now;
	ck_assert(state_place(&back, doc, &now));
	ck_assert_int_eq(now.block, was.block);
	ck_assert_int_eq(now.item, was.item);
	ck_assert_int_eq(now.field, was.field);
	ck_assert_uint_eq(now.off, was.off);
	const struct layout *lay = state_body(&back, doc);
	size_t i = back.top;
	while (lay->lines[i].role == ROLE_BLANK)
		i++;
	ck_assert_int_eq(lay->lines[i].block, was.block);
	ck_assert_int_eq(lay->lines[i].item, was.item);
	ck_assert_uint_le(lay->lines[i].off, was.off);
	ck_assert_uint_gt(back.top, 0);

	/* Nothing changed: nothing written. */
	renames = 0;
	ck_assert_int_eq(statefile_save(sf, doc, &back, &w), 0);
	ck_assert_int_eq(renames, 0);
	state_toggle_check(&back, 1);
	ck_assert_int_eq(statefile_save(sf, doc, &back, &w), 0);
	ck_assert_int_eq(renames, 1);
	ck_assert_int_eq(entries(dir), 1);

	state_free(&st);
	state_free(&back);
	statefile_close(sf);
}
END_TEST

START_TEST(test_first_run_writes_nothing_until_a_change)
{
	struct reader_state st;
	struct herror w;
	char sub[400];

	/* The folders are made on the first real save, 0700 each. */
	snprintf(sub, sizeof sub, "%s/a/b/handout", dir);
	struct statefile *sf = statefile_open(doc, sub, &w);
	ck_assert_int_eq(statefile_load(sf, doc, &w), 0);
	ck_assert_int_eq(w.code, HERR_OK);
	ck_assert_int_eq(state_init(&st, doc), 0);
	statefile_apply(sf, doc, &st);
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 0);
	ck_assert_int_eq(entries(dir), 0);
	state_toggle_check(&st, 1);
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 0);
	ck_assert_int_eq(w.code, HERR_OK);
	const char *parts[] = { "a", "a/b", "a/b/handout" };
	for (int i = 0; i < 3; i++) {
		struct stat sb;
		char p[500];
		snprintf(p, sizeof p, "%s/%s", dir, parts[i]);
		ck_assert_int_eq(stat(p, &sb), 0);
		ck_assert(S_ISDIR(sb.st_mode));
		ck_assert_int_eq(sb.st_mode & 0777, 0700);
	}
	ck_assert_str_eq(statefile_path(sf) + strlen(sub), "/fixture.state");
	state_free(&st);
	statefile_close(sf);
}
END_TEST

/* ---- saves that fail ------------------------------------------------- */

/* The old file, byte for byte, and nothing else in the folder. */
static void assert_old_state_kept(const char *old, size_t oldlen)
{
	size_t len;
	char *now = get_file(path, &len);

	ck_assert_ptr_nonnull(now);
	ck_assert_uint_eq(len, oldlen);
	ck_assert(memcmp(now, old, len) == 0);
	free(now);
}

START_TEST(test_crash_before_rename_keeps_old_state)
{
	size_t oldlen;

	save_some();
	char *old = get_file(path, &oldlen);

	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		free(old);              /* the child's copy: valgrind stays quiet */
		struct reader_state st;
		struct herror w;
		struct statefile *sf = open_loaded(&w);
		some_state(&st);
		state_toggle_check(&st, 1);
		inject = CRASH_AT_RENAME;
		statefile_save(sf, doc, &st, &w);
		_exit(3);               /* not reached: the "crash" exits 0 */
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_old_state_kept(old, oldlen);
	/* The crash left its temporary file; the next start ignores it. */
	ck_assert_int_eq(entries(dir), 2);
	struct herror w;
	struct reader_state st;
	struct statefile *sf = open_loaded(&w);
	ck_assert_int_eq(w.code, HERR_OK);
	ck_assert_int_eq(state_init(&st, doc), 0);
	statefile_apply(sf, doc, &st);
	ck_assert(st.checked[0] && !st.checked[1] && st.checked[2]);
	state_free(&st);
	statefile_close(sf);
	free(old);
}
END_TEST

static void failing_save(enum inject how, const char *says)
{
	struct reader_state st;
	struct herror w;
	size_t oldlen;

	save_some();
	char *old = get_file(path, &oldlen);
	struct statefile *sf = open_loaded(&w);
	some_state(&st);
	state_toggle_check(&st, 1);
	inject = how;
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 1);
	ck_assert_int_eq(w.code, HERR_WRITE);
	ck_assert_msg(strstr(w.detail, says) != NULL, "%s", w.detail);
	ck_assert(strstr(w.detail, "last saved state is kept") != NULL);
	assert_old_state_kept(old, oldlen);
	ck_assert_int_eq(entries(dir), 1);     /* the temporary file is gone */
	/* Said once: the same failure on the next toggle is not news. */
	state_toggle_check(&st, 1);
	state_toggle_check(&st, 1);
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 0);
	ck_assert_int_eq(w.code, HERR_OK);
	/* Space again: saved, and a later failure is news again. */
	inject = NONE;
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 0);
	free(old);
	old = get_file(path, &oldlen);
	ck_assert(strstr(old, "checked lumps") != NULL);
	state_toggle_check(&st, 0);
	inject = how;
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 1);
	assert_old_state_kept(old, oldlen);
	free(old);
	state_free(&st);
	statefile_close(sf);
}

START_TEST(test_full_disk_keeps_old_state)
{
	failing_save(WRITE_ENOSPC, "No space left on device");
}
END_TEST

START_TEST(test_failed_rename_keeps_old_state)
{
	failing_save(RENAME_EIO, "Input/output error");
}
END_TEST

/* Where the folder should be there is a file: even root cannot write
 * there, so this stands for a folder nobody may write to. */
START_TEST(test_folder_is_a_file)
{
	struct reader_state st;
	struct herror w;
	char blocked[400], inside[450];

	snprintf(blocked, sizeof blocked, "%s/state", dir);
	put_file(blocked, "not a folder\n", 13);
	snprintf(inside, sizeof inside, "%s/handout", blocked);
	struct statefile *sf = statefile_open(doc, inside, &w);
	ck_assert_int_eq(statefile_load(sf, doc, &w), 0);
	ck_assert_int_eq(w.code, HERR_OK);
	some_state(&st);
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 1);
	ck_assert_int_eq(w.code, HERR_WRITE);
	ck_assert(strstr(w.detail, "Not a directory") != NULL);
	char line[1024];
	herror_format(&w, line, sizeof line);
	ck_assert(strchr(line, '\n') == NULL);
	ck_assert(strncmp(line, inside, strlen(inside)) == 0);
	size_t len;
	char *still = get_file(blocked, &len);
	ck_assert_str_eq(still, "not a folder\n");
	free(still);
	state_free(&st);
	statefile_close(sf);
}
END_TEST

/* ---- files that are not ours ----------------------------------------- */

struct bad_case {
	const char *name;
	const char *text;
	size_t len;                  /* 0: strlen(text) */
	enum herr code;
	const char *says;
};

#define HEAD "handout-state 1\narticle fixture\n"
static const struct bad_case bad_cases[] = {
	{ "garbage", "hello world\n", 0, HERR_FOREIGN, "not a handout state file" },
	{ "other magic", "vim-state 1\narticle fixture\nend\n", 0, HERR_FOREIGN, "not a handout" },
	{ "newer version", "handout-state 2\narticle fixture\nend\n", 0, HERR_FOREIGN, "version" },
	{ "other article", "handout-state 1\narticle other-thing\nend\n", 0, HERR_FOREIGN, "another article ('other-thing')" },
	{ "cut short", HEAD "section intro\nchecked pain\n", 0, HERR_CORRUPT, "no 'end' line" },
	{ "cut mid-line", HEAD "section intro\nchec", 0, HERR_CORRUPT, "cut short" },
	{ "only magic", "handout-state 1\n", 0, HERR_CORRUPT, "no article line" },
	{ "empty", "", 0, HERR_CORRUPT, "empty" },
	{ "NUL byte", HEAD "checked pa\0in\nend\n", sizeof HEAD + 15, HERR_CORRUPT, "binary" },
	{ "unknown record", HEAD "colour red\nend\n", 0, HERR_CORRUPT, "unknown record" },
	{ "two sections", HEAD "section intro\nsection sources\nend\n", 0, HERR_CORRUPT, "second 'section'" },
	{ "bad place", HEAD "section intro\nplace 1 x 0 0\nend\n", 0, HERR_CORRUPT, "malformed 'place'" },
	{ "place too low", HEAD "section intro\nplace -3 0 0 0\nend\n", 0, HERR_CORRUPT, "malformed 'place'" },
	{ "place zero-padded", HEAD "section intro\nplace 01 0 0 0\nend\n", 0, HERR_CORRUPT, "malformed 'place'" },
	{ "place overflow", HEAD "section intro\nplace 99999999999 0 0 0\nend\n", 0, HERR_CORRUPT, "malformed 'place'" },
	{ "double space", HEAD "checked  pain\nend\n", 0, HERR_CORRUPT, "malformed line" },
	{ "bad id", HEAD "checked Pain!\nend\n", 0, HERR_CORRUPT, "unknown record" },
	{ "checked twice", HEAD "checked pain\nchecked pain\nend\n", 0, HERR_CORRUPT, "twice" },
	{ "after end", HEAD "end\nchecked pain\n", 0, HERR_CORRUPT, "after the 'end'" },
	{ "CR LF", "handout-state 1\r\narticle fixture\r\nend\r\n", 0, HERR_FOREIGN, "version not supported" },
};

/* A bad file: one line, set aside as .bad with its bytes, a clean start. */
static void assert_set_aside(const struct bad_case *c, size_t len)
{
	struct reader_state st;
	struct herror w;
	char bad[600], line[1024];
	size_t got;

	struct statefile *sf = statefile_open(doc, dir, &w);
	ck_assert_int_eq(statefile_load(sf, doc, &w), -1);
	ck_assert_msg(w.code == c->code, "%s: code %d", c->name, w.code);
	herror_format(&w, line, sizeof line);
	ck_assert_msg(strstr(line, c->says) != NULL, "%s: %s", c->name, line);
	ck_assert_msg(strstr(line, "set aside as fixture.state.bad, starting clean"),
		      "%s: %s", c->name, line);
	ck_assert(strchr(line, '\n') == NULL);
	ck_assert_int_eq(access(path, F_OK), -1);
	snprintf(bad, sizeof bad, "%s.bad", path);
	char *kept = get_file(bad, &got);
	ck_assert_msg(kept != NULL, "%s: no .bad", c->name);
	ck_assert_uint_eq(got, len);
	ck_assert(memcmp(kept, c->text, len) == 0);
	free(kept);

	ck_assert_int_eq(state_init(&st, doc), 0);
	statefile_apply(sf, doc, &st);
	ck_assert_uint_eq(st.nchecked, 0);
	ck_assert_uint_eq(st.section, 0);
	/* and the next save writes a good file */
	state_toggle_check(&st, 1);
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 0);
	ck_assert_int_eq(access(path, F_OK), 0);
	state_free(&st);
	statefile_close(sf);
	unlink(path);
}

START_TEST(test_bad_files_set_aside)
{
	const struct bad_case *c = &bad_cases[_i];
	size_t len = c->len ? c->len : strlen(c->text);

	put_file(path, c->text, len);
	assert_set_aside(c, len);
}
END_TEST

START_TEST(test_too_big_set_aside)
{
	size_t len = STATEFILE_MAX + 1;
	char *big = malloc(len + 1);
	struct bad_case c = { "too big", big, len, HERR_TOOBIG, "larger than 64 KiB" };

	memset(big, '#', len);
	memcpy(big, HEAD, strlen(HEAD));
	put_file(path, big, len);
	assert_set_aside(&c, len);
	free(big);
}
END_TEST

START_TEST(test_not_a_file_set_aside)
{
	struct herror w;
	char bad[600];
	struct stat sb;

	/* A folder, a FIFO (which must not hang the start), a symlink. */
	for (int kind = 0; kind < 3; kind++) {
		if (kind == 0)
			ck_assert_int_eq(mkdir(path, 0700), 0);
		else if (kind == 1)
			ck_assert_int_eq(mkfifo(path, 0600), 0);
		else
			ck_assert_int_eq(symlink("/etc/passwd", path), 0);
		struct statefile *sf = statefile_open(doc, dir, &w);
		ck_assert_int_eq(statefile_load(sf, doc, &w), -1);
		ck_assert_int_eq(w.code, HERR_NOTFILE);
		ck_assert(strstr(w.detail, "set aside") != NULL);
		snprintf(bad, sizeof bad, "%s.bad", path);
		ck_assert_int_eq(lstat(bad, &sb), 0);
		ck_assert(kind != 2 || S_ISLNK(sb.st_mode));
		ck_assert_int_eq(kind == 0 ? rmdir(bad) : unlink(bad), 0);
		statefile_close(sf);
	}
}
END_TEST

START_TEST(test_older_bad_replaced)
{
	char bad[600];
	size_t len;

	snprintf(bad, sizeof bad, "%s.bad", path);
	put_file(bad, "older\n", 6);
	put_file(path, "newer junk\n", 11);
	struct herror w;
	struct statefile *sf = open_loaded(&w);
	ck_assert_int_eq(w.code, HERR_FOREIGN);
	char *kept = get_file(bad, &len);
	ck_assert_str_eq(kept, "newer junk\n");
	free(kept);
	statefile_close(sf);
}
END_TEST

/* ---- an article that changed ------------------------------------------ */

START_TEST(test_unknown_ids_dropped_with_a_note)
{
	static const char text[] = HEAD "section questions\nplace 2 0 0 0\n"
		"checked gone-now\nchecked tired\nchecked also-gone\nend\n";
	struct reader_state st;
	struct herror w;
	char line[1024];

	put_file(path, text, strlen(text));
	struct statefile *sf = statefile_open(doc, dir, &w);
	ck_assert_int_eq(statefile_load(sf, doc, &w), 0);
	ck_assert_int_eq(w.code, HERR_DROPPED);
	herror_format(&w, line, sizeof line);
	ck_assert_msg(strstr(line, "dropped checklist item 'gone-now' and others, "
			     "no longer in the article") != NULL, "%s", line);
	ck_assert_int_eq(access(path, F_OK), 0);    /* not set aside */
	ck_assert_int_eq(state_init(&st, doc), 0);
	statefile_apply(sf, doc, &st);
	ck_assert(!st.checked[0] && !st.checked[1] && st.checked[2]);
	ck_assert_uint_eq(st.section, 2);
	/* The next save writes what is left. */
	state_toggle_check(&st, 0);
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 0);
	size_t len;
	char *now = get_file(path, &len);
	ck_assert(strstr(now, "gone") == NULL);
	ck_assert(strstr(now, "checked pain\nchecked tired\n") != NULL);
	free(now);
	state_free(&st);
	statefile_close(sf);

	/* A section that went: the reader starts at the top, ticks kept. */
	static const char text2[] = HEAD "section renamed\nplace 2 0 0 0\n"
		"checked lumps\nend\n";
	put_file(path, text2, strlen(text2));
	sf = open_loaded(&w);
	ck_assert_int_eq(w.code, HERR_DROPPED);
	ck_assert(strstr(w.detail, "section 'renamed'") != NULL);
	ck_assert_int_eq(state_init(&st, doc), 0);
	statefile_apply(sf, doc, &st);
	ck_assert_uint_eq(st.section, 0);
	ck_assert_uint_eq(st.top, 0);
	ck_assert(st.checked[1]);
	state_free(&st);
	statefile_close(sf);
}
END_TEST

/* ---- unreadable: left alone, never overwritten ------------------------ */

START_TEST(test_unreadable_file_left_alone)
{
	struct reader_state st;
	struct herror w;
	size_t len;

	save_some();
	char *old = get_file(path, &len);
	inject = READ_EIO;              /* a bad disk sector */
	struct statefile *sf = statefile_open(doc, dir, &w);
	ck_assert_int_eq(statefile_load(sf, doc, &w), -1);
	inject = NONE;
	ck_assert_int_eq(w.code, HERR_READ);
	ck_assert(strstr(w.detail, "Input/output error") != NULL);
	ck_assert(strstr(w.detail, "leaving it as it is") != NULL);
	ck_assert_int_eq(state_init(&st, doc), 0);
	statefile_apply(sf, doc, &st);
	ck_assert_uint_eq(st.nchecked, 0);
	/* What could not be read is never replaced unseen. */
	state_toggle_check(&st, 1);
	ck_assert_int_eq(statefile_save(sf, doc, &st, &w), 0);
	ck_assert_int_eq(w.code, HERR_OK);
	assert_old_state_kept(old, len);
	ck_assert_int_eq(entries(dir), 1);
	free(old);
	state_free(&st);
	statefile_close(sf);
}
END_TEST

static Suite *statefile_suite(void)
{
	Suite *s = suite_create("statefile");
	TCase *tc = tcase_create("statefile");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_dir_rules);
	tcase_add_test(tc, test_null_handle_is_no_state);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_first_run_writes_nothing_until_a_change);
	tcase_add_test(tc, test_crash_before_rename_keeps_old_state);
	tcase_add_test(tc, test_full_disk_keeps_old_state);
	tcase_add_test(tc, test_failed_rename_keeps_old_state);
	tcase_add_test(tc, test_folder_is_a_file);
	tcase_add_loop_test(tc, test_bad_files_set_aside, 0,
			    (int)(sizeof bad_cases / sizeof bad_cases[0]));
	tcase_add_test(tc, test_too_big_set_aside);
	tcase_add_test(tc, test_not_a_file_set_aside);
	tcase_add_test(tc, test_older_bad_replaced);
	tcase_add_test(tc, test_unknown_ids_dropped_with_a_note);
	tcase_add_test(tc, test_unreadable_file_left_alone);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(statefile_suite());

	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

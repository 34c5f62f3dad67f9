/* SPDX-License-Identifier: MIT */
/*
 * ipcs --watch: the listing asked for, walked again each interval.  On a
 * terminal, redrawn in place on the alternate screen: each frame is the
 * layout's own text, captured (standard output and error sent to a file
 * while it is written), each row known by its object through a wrapped
 * layout, and marked against the last frame (frame.c); q or a signal ends
 * it and gives the terminal back as it was, also on a failure (atexit).
 * Not a terminal: the listings one after another, each after a line with
 * the time.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "watch.h"

static volatile sig_atomic_t stop, resized;

static void
on_signal(int sig)
{
	if (sig == SIGWINCH)
		resized = 1;
	else
		stop = sig;
}

/* A namespace's snapshot: which rows are new. */
struct nsnap {
	uint64_t	 ns;
	ipck_snap	*snap;
};

static struct watch {
	struct ipcs		*q;
	const struct layout	*real;
	struct layout		 wrapped;
	struct args		*a;
	ipcs_list_fn		 list;
	struct frame		 cur, last;
	struct nsnap		*snaps;
	size_t			 nsnaps;
	ipck_snap		*snap;		/* the namespace's being walked */
	uint64_t		 ns, self;
	enum ipck_kind		 kind;
	int			 capfd, out, err;
	size_t			 limit;		/* lines of a frame kept */
	size_t			 counted;	/* rows of the frame */
	size_t			 skipped;	/* of them, past a screenful */
	FILE			*tty;
	struct termios		 saved;
	int			 raw, screen;
} w;

/* The terminal as it was: mode, screen, cursor. */
static void
restore(void)
{
	if (w.screen) {
		fputs("\033[?25h\033[?1049l", w.tty);
		fflush(w.tty);
		w.screen = 0;
	}
	if (w.raw) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &w.saved);
		w.raw = 0;
	}
}

static ipck_snap *
snap_of(uint64_t ns)
{
	size_t i;

	for (i = 0; i < w.nsnaps; i++)
		if (w.snaps[i].ns == ns)
			return w.snaps[i].snap;
	w.snaps = cli_grow(w.snaps, w.nsnaps, sizeof(*w.snaps));
	w.snaps[w.nsnaps].ns = ns;
	if ((w.snaps[w.nsnaps].snap = ipck_snap_new()) == NULL)
		cli_die(CLI_FAIL, "%s", strerror(errno));
	return w.snaps[w.nsnaps++].snap;
}

/* The layout wrapped: each kind's walk a snapshot's, each row marked. */
static enum section
w_section(const struct ipcs *q, enum ipck_kind kind, int listable)
{
	w.ns = q->ns != NULL ? (uint64_t)q->ns->info->ino : w.self;
	w.snap = snap_of(w.ns);
	w.kind = kind;
	ipck_snap_begin(w.snap, kind);
	return w.real->section(q, kind, listable);
}

static struct wrow
row_of(const struct ipck_obj *o, enum mark m)
{
	struct wrow r = { w.ns, (int)o->kind, o->id, NULL, m, NULL, 0, 0, NULL,
	    0 };

	if (ipck_kind_info(o->kind)->family == IPCK_POSIX &&
	    (r.name = strdup(o->name)) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	return r;
}

static void
w_row(const struct ipcs *q, const struct ipck_obj *o)
{
	struct frame *f = &w.cur;
	int s = ipck_snap_put(w.snap, o, NULL);

	if (s < 0)
		cli_die(CLI_FAIL, "%s", strerror(errno));
	w.counted++;
	/* rows past a screenful are walked and counted, not printed */
	if (f->nrows >= w.limit) {
		w.skipped++;
		return;
	}
	putchar(FRAME_ROW);
	f->rows = cli_grow(f->rows, f->nrows, sizeof(*f->rows));
	/* the first frame has nothing to be new against */
	f->rows[f->nrows++] = row_of(o, w.last.buf != NULL && (s ==
	    IPCK_SNAP_NEW || s == IPCK_SNAP_REPLACED) ? M_NEW : M_NONE);
	w.real->row(q, o);
}

static int
w_gone(const struct ipck_obj *o, void *arg)
{
	struct frame *f = arg;

	f->gone = cli_grow(f->gone, f->ngone, sizeof(*f->gone));
	f->gone[f->ngone++] = row_of(o, M_GONE);
	return 0;
}

static void
w_end_section(const struct ipcs *q)
{
	(void)ipck_snap_end(w.snap, w.kind, w_gone, &w.cur);
	if (w.real->end_section != NULL)
		w.real->end_section(q);
}

/* One walk of everything asked for, through layout l. */
static int
walk(const struct layout *l)
{
	int rc;

	if (w.a->allns)
		return ipcs_all_namespaces(w.q, l, w.list, w.a);
	l->begin(w.q);
	rc = w.list(w.q, l, w.a);
	if (l->end != NULL)
		l->end(w.q);
	return rc;
}

/*
 * How many bytes of the captured frame its first max lines take; the lines
 * after them are only counted (*more): a screen shows no more, and a
 * frame of 3 x 32000 rows kept whole would double the memory.
 */
static off_t
screenful(size_t max, size_t *more)
{
	char chunk[1 << 16];
	off_t off = 0, cut = -1;
	size_t lines = 0;
	ssize_t r, i;

	*more = 0;
	while ((r = pread(w.capfd, chunk, sizeof(chunk), off)) > 0) {
		for (i = 0; i < r; i++)
			if (chunk[i] == '\n' && ++lines == max)
				cut = off + i + 1;
		off += r;
	}
	if (r < 0)
		cli_die(CLI_FAIL, "cannot read a frame back: %s", strerror(errno));
	if (cut < 0)
		return off;
	*more = lines - max + (off > 0 && chunk[(off - 1) % (off_t)sizeof(chunk)]
	    != '\n');
	return cut;
}

/* A frame: the walk's text captured, its rows known. */
static void
capture(void)
{
	struct winsize ws;
	struct timespec ts;
	off_t n;
	long now, hold;

	if (ioctl(w.out, TIOCGWINSZ, &ws) < 0 || ws.ws_row == 0)
		ws.ws_row = 24;
	w.limit = (size_t)ws.ws_row + 50;
	w.counted = 0;
	w.skipped = 0;
	fflush(stdout);
	fflush(stderr);
	if (ftruncate(w.capfd, 0) < 0 || lseek(w.capfd, 0, SEEK_SET) < 0 ||
	    dup2(w.capfd, STDOUT_FILENO) < 0 || dup2(w.capfd, STDERR_FILENO) < 0)
		cli_die(CLI_FAIL, "cannot capture a frame: %s", strerror(errno));
	(void)walk(&w.wrapped);
	fflush(stdout);
	fflush(stderr);
	dup2(w.out, STDOUT_FILENO);
	dup2(w.err, STDERR_FILENO);
	n = screenful(w.limit, &w.cur.more);
	w.cur.more += w.skipped;
	if ((w.cur.buf = malloc((size_t)n + 1)) == NULL ||
	    pread(w.capfd, w.cur.buf, (size_t)n, 0) != (ssize_t)n)
		cli_die(CLI_FAIL, "cannot read a frame back: %s", strerror(errno));
	w.cur.len = (size_t)n;
	/* a mark stays 2 s, and one frame at least */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	hold = (long)(w.a->interval / 1000000u);
	hold = hold > 2000 ? hold : 2000;
	frame_parse(&w.cur);
	frame_gone_text(&w.cur, &w.last, now, hold);
	frame_marks(&w.cur, &w.last, now, hold);
}

static void
draw(void)
{
	struct winsize ws;
	char top[160], t[32];
	time_t now = time(NULL);
	struct tm tm;
	int cols = 80, lines = 24;
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (ioctl(w.out, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
	    ws.ws_row > 0) {
		cols = ws.ws_col;
		lines = ws.ws_row;
	}
	localtime_r(&now, &tm);
	strftime(t, sizeof(t), "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(top, sizeof(top), "ipcs --watch=%gs  %s  %zu rows  q: quit",
	    (double)w.a->interval / 1e9, t, w.counted);
	frame_draw(w.tty, &w.cur, &w.last, top, cols, lines, (nc == NULL ||
	    *nc == '\0') && (term == NULL || strcmp(term, "dumb") != 0));
	fflush(w.tty);
}

/* Until the next walk is due: keys, a resize, a signal. */
static void
wait_next(struct timespec *next)
{
	struct timespec now;
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
	long ms;
	char c;

	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (long)(next->tv_sec - now.tv_sec) * 1000 +
		    (next->tv_nsec - now.tv_nsec) / 1000000;
		if (stop || ms <= 0)
			return;
		if (resized) {
			resized = 0;
			draw();
		}
		if (poll(&p, w.raw ? 1 : 0, (int)ms) > 0 &&
		    (p.revents & POLLIN)) {
			if (read(STDIN_FILENO, &c, 1) != 1)
				p.fd = -1;	/* no more keys: wait on */
			else if (c == 'q' || c == 'Q')
				stop = SIGTERM;
		}
	}
}

/* The next walk's time: step after the last, or now when that is past. */
void
ipcs_tick(struct timespec *next, uint64_t step)
{
	struct timespec now;

	next->tv_sec += (time_t)(step / 1000000000u);
	next->tv_nsec += (long)(step % 1000000000u);
	if (next->tv_nsec >= 1000000000L) {
		next->tv_sec++;
		next->tv_nsec -= 1000000000L;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > next->tv_sec || (now.tv_sec == next->tv_sec &&
	    now.tv_nsec > next->tv_nsec))
		*next = now;
}

/* Not a terminal: each listing after a line with its time. */
static int
plain(void)
{
	struct timespec next;
	uint64_t n;
	char t[32];
	time_t now;
	struct tm tm;

	clock_gettime(CLOCK_MONOTONIC, &next);
	for (n = 0; !stop; n++) {
		now = time(NULL);
		gmtime_r(&now, &tm);
		strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%SZ", &tm);
		printf("%s--- %s\n", n > 0 ? "\n" : "", t);
		(void)walk(w.real);
		fflush(stdout);
		if (ferror(stdout))
			cli_die(CLI_FAIL, "standard output: %s", strerror(errno));
		if (w.a->count != 0 && n + 1 >= w.a->count)
			break;
		ipcs_tick(&next, w.a->interval);
		while (!stop && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME,
		    &next, NULL) == EINTR)
			continue;
	}
	return CLI_OK;
}

/* The terminal: raw keys when stdin is one, the alternate screen. */
static void
take_terminal(void)
{
	struct termios t;
	FILE *cap;

	if ((cap = tmpfile()) == NULL || (w.capfd = dup(fileno(cap))) < 0 ||
	    (w.out = dup(STDOUT_FILENO)) < 0 || (w.err = dup(STDERR_FILENO)) < 0 ||
	    (w.tty = fdopen(dup(w.out), "w")) == NULL)
		cli_die(CLI_FAIL, "cannot set up the screen: %s", strerror(errno));
	fclose(cap);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	setvbuf(w.tty, NULL, _IOFBF, 1 << 16);
	atexit(restore);
	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &w.saved) == 0) {
		t = w.saved;
		t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0)
			w.raw = 1;
	}
	fputs("\033[?1049h\033[?25l\033[H\033[2J", w.tty);
	w.screen = 1;
}

int
ipcs_watch(struct ipcs *q, const struct layout *l, struct args *a,
    ipcs_list_fn list)
{
	struct sigaction sa;
	struct timespec next;
	struct stat st;
	uint64_t n;
	size_t i;

	w.q = q;
	w.real = l;
	w.a = a;
	w.list = list;
	w.wrapped = *l;
	w.wrapped.section = w_section;
	w.wrapped.row = l->row != NULL ? w_row : NULL;
	w.wrapped.end_section = w_end_section;
	w.self = stat("/proc/self/ns/ipc", &st) == 0 ? (uint64_t)st.st_ino : 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (!isatty(STDOUT_FILENO))
		return plain();
	sigaction(SIGWINCH, &sa, NULL);
	take_terminal();
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (n = 0; !stop; n++) {
		frame_free(&w.last);
		w.last = w.cur;
		memset(&w.cur, 0, sizeof(w.cur));
		capture();
		draw();
		if (a->count != 0 && n + 1 >= a->count)
			break;
		ipcs_tick(&next, a->interval);
		wait_next(&next);
	}
	restore();
	frame_free(&w.last);
	frame_free(&w.cur);
	for (i = 0; i < w.nsnaps; i++)
		ipck_snap_free(w.snaps[i].snap);
	free(w.snaps);
	fclose(w.tty);
	return CLI_OK;
}

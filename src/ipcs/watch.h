/* SPDX-License-Identifier: MIT */
/*
 * ipcs --watch: the listing redrawn in place (watch.c: the walks, the
 * terminal), each frame composed with its marks (frame.c).
 */
#ifndef IPCS_WATCH_H
#define IPCS_WATCH_H

#include <stddef.h>
#include <stdint.h>

#include "ipcs.h"

/* list: main.c's walk of the kinds asked for, of one namespace. */
typedef int	(*ipcs_list_fn)(const struct ipcs *q, const struct layout *l,
		    const void *arg);
int	ipcs_watch(struct ipcs *q, const struct layout *l, struct args *a,
	    ipcs_list_fn list);

/* A row of a frame: the object it shows, and how it stands to the last. */
enum mark { M_NONE, M_NEW, M_CHANGED, M_GONE };
struct wrow {
	uint64_t	 ns;
	int		 kind;
	int		 id;
	char		*name;		/* the POSIX kinds' */
	enum mark	 mark;
	const char	*text;		/* its line in the frame, no newline */
	size_t		 len;
	long		 since;		/* ms: when the mark was made */
	char		*was;		/* changed: the text it had before */
	size_t		 wlen;
};

/*
 * A frame: the listing's text as captured, its rows (in the order the
 * layout printed them: a line that starts with FRAME_ROW is the next row),
 * and those that went since the last frame (their text is the last
 * frame's).
 */
#define FRAME_ROW	'\001'
struct frame {
	char		*buf;
	size_t		 len;
	struct wrow	*rows;
	size_t		 nrows;
	struct wrow	*gone;
	size_t		 ngone;
	struct wrow	**sorted;	/* the rows by object (frame_parse) */
	size_t		 more;		/* lines past buf, not kept */
};

/*
 * The rows' texts from buf; then the gone rows' from the last frame (now,
 * in ms; and the last frame's gone rows again while within hold ms).
 */
void	frame_parse(struct frame *f);
void	frame_gone_text(struct frame *f, const struct frame *last, long now,
	    long hold);
/*
 * Each row's mark against the last frame, at now (ms): a row that appeared
 * or changed keeps its mark (and what it changed from) for hold ms, and
 * for one frame at least.
 */
void	frame_marks(struct frame *f, const struct frame *last, long now,
	    long hold);
/*
 * The frame drawn into out (a terminal of cols x lines): the top line,
 * then each line with its mark, the cells that differ from the last
 * frame's (same row, or the same line where no row) highlighted, cut to
 * fit.  color: with SGR colours; the marks are there without.
 */
void	frame_draw(FILE *out, const struct frame *f, const struct frame *last,
	    const char *top, int cols, int lines, int color);
void	frame_free(struct frame *f);

#endif /* IPCS_WATCH_H */

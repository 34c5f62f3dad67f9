/* SPDX-License-Identifier: MIT */
/* ipcs --events (events.c) and its two forms of a line (emit.c). */
#ifndef IPCS_EVENTS_H
#define IPCS_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "ipcs.h"
#include "json.h"

/* Until a signal: a line per change, each walk's flushed; json: JSON Lines. */
int	ipcs_events(struct args *a, struct cli_json *json);

/*
 * An object's event: what ("present", "created", "changed", "removed"),
 * at stamp, in namespace nsino (--all-namespaces: ns; text: 0 leaves it
 * out), the record o, and for "changed" the record before and the n
 * fields ch that differ.
 */
void	ipcs_event_text(const char *stamp, const char *what, uint64_t nsino,
	    const struct ipck_obj *o, const struct ipck_obj *before,
	    const struct ipck_field *const *ch, size_t n);
void	ipcs_event_json(struct cli_json *j, const char *stamp, const char *what,
	    const struct cli_ns *ns, uint64_t nsino, const struct ipck_obj *o,
	    const struct ipck_obj *before, const struct ipck_field *const *ch,
	    size_t n);
/*
 * A namespace's event ("present", "appeared", "gone"): ns when it is
 * there to describe, else its inode and the container it was in (engine
 * and id, or NULL).  j: JSON Lines; NULL: text.
 */
void	ipcs_ns_event(struct cli_json *j, const char *stamp, const char *what,
	    const struct cli_ns *ns, uint64_t nsino, const char *engine,
	    const char *container);

#endif /* IPCS_EVENTS_H */

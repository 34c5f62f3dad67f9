/* SPDX-License-Identifier: MIT */
/*
 * The JSON writer (json.c): a value over a FILE *, so that each output has
 * its own state.  key is a member's name, NULL inside an array; open and
 * close are '{' '}' or '[' ']'.  json_time writes two members, the time as
 * ISO 8601 and as epoch seconds, both null for 0 (never).
 */
#ifndef CLI_JSON_H
#define CLI_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "ipckit.h"

/*
 * The version of the JSON's members (ipcs --json-fields): a member
 * renamed, removed or of another type is a new version; one added is not.
 */
#define CLI_JSON_VERSION	1

#define CLI_JSON_DEPTH	16
struct cli_json {
	FILE	*f;
	int	 depth;
	int	 count[CLI_JSON_DEPTH];
	int	 lines;		/* each outermost value on a line (JSON Lines) */
};
/* A writer to f, at its start. */
void	json_init(struct cli_json *j, FILE *f);
void	json_begin(struct cli_json *j, const char *key, char open);
void	json_end(struct cli_json *j, char close);
void	json_string(struct cli_json *j, const char *s);
/* n bytes as a JSON string; a NUL must follow them (UTF-8 is checked up to it). */
void	json_text(struct cli_json *j, const char *s, size_t n);
void	json_bytes(struct cli_json *j, const char *key, const void *p,
	    size_t n);
/* n bytes in base64 (RFC 4648), as a string. */
void	json_base64(struct cli_json *j, const char *key, const void *p,
	    size_t n);
/* on: each outermost object or array on one line of its own (JSON Lines). */
void	json_lines(struct cli_json *j, int on);
void	json_str(struct cli_json *j, const char *key, const char *value);
void	json_int(struct cli_json *j, const char *key, int64_t value);
void	json_uint(struct cli_json *j, const char *key, uint64_t value);
void	json_bool(struct cli_json *j, const char *key, int value);
void	json_time(struct cli_json *j, const char *key, const char *epoch_key,
	    time_t t);
/* Semaphore semnum of a set: semnum, value, ncount, zcount, pid; left open. */
void	json_semval(struct cli_json *j, uint64_t semnum,
	    const struct ipck_semval *v);
/* perms, mode, owner, uid, group, gid: the members every kind has. */
void	json_owners(struct cli_json *j, const struct ipck_obj *o);
/*
 * A POSIX object's name: "name" as JSON text where it is UTF-8 (else
 * null: text would not be the name), and "name_base64", its very bytes.
 */
void	json_name(struct cli_json *j, const char *name);
/* A field of the library's table (ipck_fields) as its JSON members, from rec. */
void	json_field(struct cli_json *j, const struct ipck_field *f,
	    const void *rec);
/* The same members, each null: a field not known. */
void	json_field_null(struct cli_json *j, const struct ipck_field *f);
/* Every figure of set for kind, from rec, as an object named for the kind. */
void	json_figures(struct cli_json *j, enum ipck_fieldset set,
	    enum ipck_kind kind, const void *rec);
/*
 * An object's record: every field of its kind's table but the costly
 * ones, under ipcs(1)'s member names; left open for more.
 */
void	json_object(struct cli_json *j, const char *key,
	    const struct ipck_obj *o);

#endif /* CLI_JSON_H */

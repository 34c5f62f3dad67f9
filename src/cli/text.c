/* SPDX-License-Identifier: MIT */
/*
 * Text from the system (user, group and process names) made safe for a
 * terminal: anyone can name a process "\x1b]0;..." or put bytes that are
 * not UTF-8 in a passwd entry, and a tool run by root must not replay them.
 */
#include <stdio.h>
#include <string.h>

#include "text.h"

long
cli_utf8(const char *s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	long cp;
	size_t len, i;

	if (p[0] < 0x80) {
		*n = 1;
		return p[0];
	}
	/* RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF */
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		cp = p[0] & 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		cp = p[0] & 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return -1;
	for (i = 1; i < len; i++) {
		if (p[i] < lo || p[i] > hi)
			return -1;
		cp = cp << 6 | (p[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*n = len;
	return cp;
}

int
cli_utf8_valid(const void *s, size_t n)
{
	const char *p = s;
	size_t i, k;

	for (i = 0; i < n; i += k)
		if ((unsigned char)p[i] < 0x80)
			k = 1;
		else if (cli_utf8(p + i, &k) < 0 || k > n - i)
			return 0;
	return 1;
}

/*
 * Whether a terminal shows code point cp as itself: not a C0 or C1
 * control, not DEL, and none of the marks that reorder or hide text.
 */
int
cli_printable(long cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp == 0x200e || cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return 1;
}

const char *
cli_escape(const char *s, char *buf, size_t len, unsigned int flags)
{
	const char *out;
	size_t i = 0, n, k;
	char esc[5];
	long cp;

	if (len == 0)
		return buf;
	while (*s != '\0') {
		cp = cli_utf8(s, &n);
		if (cp == '\\' && (flags & CLI_ESC_BACKSLASH)) {
			out = "\\\\";
			k = 2;
		} else if (cp >= 0 && cli_printable(cp)) {
			out = s;
			k = n;
		} else {
			/* a byte that does not stand for itself, one at a time */
			snprintf(esc, sizeof(esc), "\\x%02x",
			    (unsigned int)(unsigned char)*s);
			out = esc;
			n = 1;
			k = 4;
		}
		if (i + k >= len)
			break;
		memcpy(buf + i, out, k);
		i += k;
		s += n;
	}
	buf[i] = '\0';
	return buf;
}

int
cli_cp_columns(long cp)
{
	/* combining marks: drawn over the character before */
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	    (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	    (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200b || cp == 0x200d)
		return 0;
	/* East Asian wide and fullwidth, and the pictographs drawn wide */
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
	    (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

void
cli_cell(const char *s, int width, int cut)
{
	int used = 0, w;
	size_t k;
	long cp;

	/* ASCII, as most names are: a byte a column */
	for (k = 0; s[k] != '\0' && (unsigned char)s[k] < 0x80; k++)
		continue;
	if (s[k] == '\0') {
		printf("%-*.*s", width, cut, s);
		return;
	}
	for (; *s != '\0'; s += k) {
		/* escaped text is valid UTF-8; a stray byte counts as one column */
		if ((cp = cli_utf8(s, &k)) < 0)
			k = 1;
		w = cp < 0 ? 1 : cli_cp_columns(cp);
		if (used + w > cut)
			break;
		fwrite(s, 1, k, stdout);
		used += w;
	}
	for (; used < width; used++)
		putchar(' ');
}

/* Whether byte c needs no quoting in a shell word. */
static int
shell_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("/._+,:@%=-", c) != NULL;
}

const char *
cli_shell_quote(const char *s, char *buf, size_t len)
{
	size_t i = 0, n, k;
	int plain = *s != '\0', printable = 1;
	const char *p;
	long cp;
	char esc[8];

	for (p = s; *p != '\0'; p += n) {
		plain &= shell_safe((unsigned char)*p);
		cp = cli_utf8(p, &n);
		if (cp < 0 || !cli_printable(cp)) {
			printable = 0;
			n = 1;
		}
	}
	if (len == 0)
		return buf;
	if (plain) {
		snprintf(buf, len, "%s", s);
		return buf;
	}
	/* 'text', with ' as '\''; else $'text' with \xHH, \\ and \' */
	k = printable ? 1 : 2;
	if (k + 2 > len) {
		buf[0] = '\0';
		return buf;
	}
	memcpy(buf, printable ? "'" : "$'", k);
	i = k;
	for (p = s; *p != '\0'; p += n) {
		cp = cli_utf8(p, &n);
		if (printable && *p == '\'')
			snprintf(esc, sizeof(esc), "'\\''");
		else if (printable || (cp >= 0 && cli_printable(cp) &&
		    *p != '\\' && *p != '\'')) {
			if (cp < 0)
				n = 1;
			if (i + n + 2 > len)
				break;
			memcpy(buf + i, p, n);
			i += n;
			continue;
		} else if (*p == '\\' || *p == '\'') {
			snprintf(esc, sizeof(esc), "\\%c", *p);
			n = 1;
		} else {
			snprintf(esc, sizeof(esc), "\\x%02x",
			    (unsigned int)(unsigned char)*p);
			n = 1;
		}
		k = strlen(esc);
		if (i + k + 2 > len)
			break;
		memcpy(buf + i, esc, k);
		i += k;
	}
	buf[i++] = '\'';
	buf[i] = '\0';
	return buf;
}

const char *
cli_object_arg(const struct ipck_obj *o, char *buf, size_t len)
{
	static const char *const opt[] = { "-m", "-q", "-s", "--posix-shmem",
	    "--posix-mqueue", "--posix-semaphore" };
	char q[4 * 256 + 8];

	if (ipck_kind_info(o->kind)->family == IPCK_SYSV)
		snprintf(buf, len, "%s %d", opt[o->kind], o->id);
	else
		snprintf(buf, len, "%s %s", opt[o->kind],
		    cli_shell_quote(o->name, q, sizeof(q)));
	return buf;
}

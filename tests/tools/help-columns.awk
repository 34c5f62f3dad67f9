# SPDX-License-Identifier: MIT
# A tool's --help, paragraph by paragraph (tests/cli.bats): every option's
# description at one column, a spec too long for it followed by exactly
# two spaces, a continued description at that column.  Prints each line
# that is not so.
function flush(   i, c, best, n, bad) {
	best = 0; n = 0
	for (c in cnt) if (cnt[c] > n || (cnt[c] == n && c + 0 < best)) { n = cnt[c]; best = c + 0 }
	for (i = 1; i <= k; i++) {
		if (kind[i] == "opt" && col[i] != best && !(col[i] > best && gap[i] == 2))
			printf "%s: line %d: description at column %d, not %d: %s\n", tool, ln[i], col[i], best, txt[i]
		if (kind[i] == "cont" && best > 0 && col[i] != best)
			printf "%s: line %d: continued at column %d, not %d: %s\n", tool, ln[i], col[i], best, txt[i]
	}
	delete cnt; k = 0
}
/^$/ { flush(); next }
/^ +-/ {
	s = $0; lead = match(s, /[^ ]/) - 1
	rest = substr(s, lead + 1); g = index(rest, "  ")
	if (g == 0) next
	after = substr(rest, g); sp = match(after, /[^ ]/) - 1
	k++; kind[k] = "opt"; ln[k] = NR; txt[k] = $0
	col[k] = lead + g + sp; gap[k] = sp
	if (sp > 2 || lead + g + sp <= 40) cnt[col[k]]++
	next
}
/^ {8,}[^ -]/ { k++; kind[k] = "cont"; ln[k] = NR; txt[k] = $0; col[k] = match($0, /[^ ]/); next }
END { flush() }

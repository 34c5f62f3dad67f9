# SPDX-License-Identifier: MIT
# ipcs --json-fields (its plain text) as the mdoc lists of ipckit-json(7):
# one subsection a set, one list a kind.  make json-ref writes them in.
NR == 1 {
	version = $NF
	next
}
NR == 2 { next }			# the column headings
{
	set = $1; kind = $2; member = $3; type = $4
	sub(/^[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +/, "")
	if (set != lastset) {
		if (open) print ".El"
		open = 0
		print ".Ss " title(set)
		lastset = set; lastkind = ""; first = 1
	}
	if (kind != lastkind) {
		if (open) print ".El"
		if (!first) print ".Pp"
		first = 0
		print (kind == "*" ? "Every kind:" : "Kind " kind ":")
		print ".Bl -tag -width Ds -compact"
		open = 1; lastkind = kind
	}
	print ".It Sy " member " Pq " type
	gsub(/\\/, "\\e")
	print
}
END {
	if (open) print ".El"
}
function title(s) {
	if (s == "object") return "Records: ipcs -J, ipcstat -J"
	if (s == "usage") return "What a kind uses: ipcs -u -J"
	if (s == "limits") return "Limits: ipcs -l -J"
	if (s == "namespace") return "Namespaces: --all-namespaces"
	if (s == "summary") return "One line a namespace: ipcs -u -J --all-namespaces"
	if (s == "ipcs-i") return "ipcs -i -J"
	return s " -J"
}

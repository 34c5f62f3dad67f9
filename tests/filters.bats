#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# A property test of the filters ipcrm --all and ipcs share: random
# populations of System V objects (seeded: FILTERS_SEED, printed, makes a
# failure come back) times random filter combinations (FILTERS_CASES a
# population, FILTERS_POPS populations).  What each combination selects is
# computed here from util-linux's ipcs and the test's own bookkeeping, not
# from the library, and compared with ipcs FILTER -J, ipcrm -n -J, and
# once a population a real ipcrm, whose survivors util-linux lists.
# The objects are made with ipccreate (util-linux 2.38's ipcmk takes no
# key); what was made is checked against util-linux's ipcs first.

load helpers

HELP=$BUILD/tests/ipchelp

setup() {
	ipck_setup
	need_owners
	need_nobody
}

pick() {
	local a=("$@")
	REPLY=${a[RANDOM % ${#a[@]}]}
}

# A population: 24 objects of random kinds, keys (a fifth private), owners
# and creators; some segments attached; half made 4 s before the rest, so
# an --older-than that ends 2 s before the new half began parts them
# (ctime counts whole seconds, and a tool may start a second later).  BOOK has a line
# an object, "kind id key owner creator old".
populate() {
	local i kind key creator owner id half size keyopt
	"$UL_IPCRM" -a
	BOOK=
	for half in old new; do
		for ((i = 0; i < 12; i++)); do
			pick m q s
			kind=$REPLY
			key=$((0x3c000000 + RANDOM))
			((RANDOM % 5)) || key=0
			pick 0 65534
			creator=$REPLY
			pick 0 4242 65534
			owner=$REPLY
			case $kind in m) size=(-M 4096) ;; q) size=(-Q) ;; s) size=(-S 1) ;; esac
			keyopt=()
			[ "$key" = 0 ] || keyopt=(-k "$(printf '0x%08x' "$key")")
			# a key drawn twice: the second is not made
			id=$(setpriv --reuid="$creator" --regid="$creator" --clear-groups \
				"$BIN/ipccreate" "${keyopt[@]}" "${size[@]}" -p 0666 2>/dev/null) || continue
			case $kind in m) k=shm ;; q) k=msg ;; s) k=sem ;; esac
			"$HELP" chown "$k" "$id" "$owner" "$owner"
			if [ "$kind" = m ] && ((RANDOM % 3 == 0)); then
				HELPERS="$HELPERS $("$HELP" attach "$id")"
			fi
			BOOK+="$kind $id $key $owner $creator $half"$'\n'
		done
		if [ "$half" = old ]; then
			sleep 4
			NEW_START=$(date +%s)
		fi
	done
}

# util-linux's view, to check the bookkeeping by: "kind id key nattch" lines
# (of objects not yet removed)
ul_view() {
	local k key id n st _
	for k in m q s; do
		"$UL_IPCS" "-$k" | while read -r key id _ _ _ n st _; do
			# a removed segment still attached stays, "dest", till detached
			[[ $key = 0x* ]] && [ "$st" != dest ] || continue
			[ "$k" = m ] || n=0
			echo "$k $id $((key)) $n"
		done
	done | sort
}

# A random combination in ARGS, and the model's selection in WANT: ids,
# sorted, one a line ("kind id").
combine() {
	local f n v kinds=m,q,s kind id key owner creator half nattch ok
	local -a keys=() withids=() owners=() creators=()
	local private=0 unattached=0 older=0
	ARGS=()
	if ((RANDOM % 3 == 0)); then
		pick shm:m msg:q sem:s
		ARGS+=("--all=${REPLY%:*}")
		kinds=${REPLY#*:}
	else
		ARGS+=(-a)
	fi
	for ((n = 1 + RANDOM % 3; n > 0; n--)); do
		pick key key private with-id owner owner created-by unattached older-than
		f=$REPLY
		case $f in
		key)
			# one of the population's keys (not 0: that is --private), or
			# one no object has
			v=$(awk -v r="$RANDOM" '$3 != 0 && NR % 7 == r % 7 { print $3; exit }' <<<"$BOOK")
			[ -n "$v" ] || v=$((0x3cff0000))
			keys+=("$v")
			ARGS+=(--key "$(printf '0x%x' "$v")")
			;;
		private) private=1 ARGS+=(--private) ;;
		with-id)
			v=$(awk -v r="$RANDOM" 'NR % 5 == r % 5 { print $2; exit }' <<<"$BOOK")
			withids+=("${v:-99999}")
			ARGS+=(--with-id "${v:-99999}")
			;;
		owner)
			pick 0 4242 65534 root nobody
			owners+=("$(id -u "$REPLY" 2>/dev/null || echo "$REPLY")")
			ARGS+=(--owner "$REPLY")
			;;
		created-by)
			pick 0 65534 4242
			creators+=("$REPLY")
			ARGS+=(--created-by "$REPLY")
			;;
		unattached) unattached=1 ARGS+=(--unattached) ;;
		older-than)
			# what was changed 2 s or more before the new half began:
			# the old half, however long the cases have run
			older=1 ARGS+=(--older-than "$(($(date +%s) - NEW_START + 2))s")
			;;
		esac
	done
	# the model: within a filter any value, across filters all
	WANT=$(while read -r kind id key owner creator half; do
		[ -n "$kind" ] || continue
		[[ ,$kinds, = *,$kind,* ]] || continue
		ok=1
		in_list() {
			local x=$1
			shift
			[ $# -eq 0 ] && return 0
			for v; do [ "$v" = "$x" ] && return 0; done
			return 1
		}
		# --key and --private are one filter: a key, or none
		if [ ${#keys[@]} -gt 0 ] || [ $private = 1 ]; then
			{ [ $private = 1 ] && [ "$key" = 0 ]; } ||
				{ [ ${#keys[@]} -gt 0 ] && in_list "$key" "${keys[@]}"; } || ok=0
		fi
		in_list "$id" "${withids[@]}" || ok=0
		in_list "$owner" "${owners[@]}" || ok=0
		in_list "$creator" "${creators[@]}" || ok=0
		nattch=$(awk -v k="$kind" -v id="$id" '$1 == k && $2 == id { print $4 }' <<<"$VIEW")
		if [ $unattached = 1 ] && { [ "$kind" != m ] || [ "$nattch" != 0 ]; }; then ok=0; fi
		if [ $older = 1 ] && [ "$half" != old ]; then ok=0; fi
		[ $ok = 0 ] || echo "$kind $id"
	done <<<"$BOOK" | sort)
}

# ids a JSON listing names, as "kind id" lines
json_ids() {
	jq -r '.[] | "\({shm: "m", msg: "q", sem: "s"}[.kind]) \(.id)"' | sort
}

@test "ipcs and ipcrm select what the model selects, over random populations and filter combinations" {
	seed=${FILTERS_SEED:-$((SRANDOM % 1000000))}
	cases=${FILTERS_CASES:-40}
	pops=${FILTERS_POPS:-3}
	echo "# FILTERS_SEED=$seed: $pops populations x $cases combinations" >&3
	RANDOM=$seed
	checked=0 nonempty=0
	for ((p = 0; p < pops; p++)); do
		populate
		VIEW=$(ul_view)
		# the bookkeeping agrees with util-linux: the same objects and keys
		[ "$(awk '{ print $1, $2, $3 }' <<<"$VIEW")" = "$(awk 'NF { print $1, $2, $3 }' <<<"$BOOK" | sort)" ]
		for ((c = 0; c < cases; c++)); do
			combine
			[ -z "$WANT" ] || nonempty=$((nonempty + 1))
			# ipcs takes the filters, not --all: the kinds as its options
			kindopt=()
			case ${ARGS[0]} in
			--all=shm) kindopt=(-m) ;;
			--all=msg) kindopt=(-q) ;;
			--all=sem) kindopt=(-s) ;;
			esac
			got=$("$BIN/ipcs" "${kindopt[@]}" -J "${ARGS[@]:1}" | json_ids)
			if [ "$got" != "$WANT" ]; then
				echo "ipcs ${kindopt[*]} -J ${ARGS[*]:1} (FILTERS_SEED=$seed, population $p, case $c)"
				diff <(echo "$WANT") <(echo "$got") || true
				false
			fi
			got=$("$BIN/ipcrm" -n -J "${ARGS[@]}" | jq '[.[] | select(.status == "selected")]' | json_ids)
			if [ "$got" != "$WANT" ]; then
				echo "ipcrm -n -J ${ARGS[*]} (FILTERS_SEED=$seed, population $p, case $c)"
				diff <(echo "$WANT") <(echo "$got") || true
				false
			fi
			checked=$((checked + 1))
		done
		# the last combination, for real: what survives is the rest
		"$BIN/ipcrm" "${ARGS[@]}" >/dev/null 2>&1 || true
		left=$(ul_view | awk '{ print $1, $2 }')
		want_left=$(comm -23 <(awk '{ print $1, $2 }' <<<"$VIEW") <(echo "$WANT" | sed '/^$/d' | sort))
		[ "$left" = "$want_left" ] || {
			echo "ipcrm ${ARGS[*]} (FILTERS_SEED=$seed): left"
			diff <(echo "$want_left") <(echo "$left") || true
			false
		}
		stop_helpers
	done
	echo "# $checked combinations, each by ipcs and ipcrm -n; $nonempty selected something" >&3
}

/* SPDX-License-Identifier: MIT */
/* ipccheck's findings as text (three lines each) or as one JSON array. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ipccheck.h"
#include "json.h"

static const char *const sev_names[] = { "info", "warning", "critical" };

static struct {
	struct cli_json		*json;
	const struct cli_ns	*ns;
	char			 nsopt[32];
	int			 max;
} out = { NULL, NULL, "", -1 };

void
report_start(struct cli_json *json)
{
	out.json = json;
	if (json != NULL)
		json_begin(json, NULL, '[');
}

void
report_ns(const struct cli_ns *ns)
{
	out.ns = ns;
	out.nsopt[0] = '\0';
	if (ns != NULL && ns->info->pid > 0)
		snprintf(out.nsopt, sizeof(out.nsopt), " --ns %d",
		    (int)ns->info->pid);
}

const char *
ns_opt(void)
{
	return out.nsopt;
}

void
cannot_see(const struct opts *o, const char *topic, const struct ipck_obj *obj,
    const char *what, const char *why)
{
	struct finding f = { SEV_INFO, o->check, obj != NULL ? (int)obj->kind :
	    -1, obj, topic, "", "", "" };

	snprintf(f.what, sizeof(f.what), "not checked: %s", what);
	snprintf(f.why, sizeof(f.why), "%s", why);
	snprintf(f.fix, sizeof(f.fix), "run it as root, or as the objects' "
	    "owner, to see everything");
	report(o, &f);
}

static void
json_finding(const struct finding *f)
{
	struct cli_json *j = out.json;
	const struct ipck_obj *o = f->obj;

	json_begin(j, NULL, '{');
	json_str(j, "severity", sev_names[f->sev]);
	json_str(j, "check", f->check);
	if (o != NULL) {
		json_begin(j, "object", '{');
		json_str(j, "kind", ipck_kind_name(o->kind));
		if (ipck_kind_info(o->kind)->family == IPCK_SYSV) {
			char key[16];

			json_int(j, "id", o->id);
			snprintf(key, sizeof(key), "0x%08x", (unsigned int)o->key);
			json_str(j, "key", key);
		} else
			json_name(j, o->name);
		json_end(j, '}');
	} else
		json_str(j, "object", NULL);
	json_str(j, "topic", f->topic);
	json_str(j, "what", f->what);
	json_str(j, "why", f->why);
	json_str(j, "fix", f->fix);
	if (out.ns != NULL)
		cli_json_ns(j, out.ns, 0);
	json_end(j, '}');
}

void
report(const struct opts *o, struct finding *f)
{
	char arg[4 * 256 + 32];

	if (f->sev < o->min_sev)
		return;
	if ((int)f->sev > out.max)
		out.max = (int)f->sev;
	if (out.json != NULL) {
		json_finding(f);
		return;
	}
	printf("%-8s  %s  ", sev_names[f->sev], f->check);
	if (out.ns != NULL)
		printf("ipc:[%ju] ", (uintmax_t)out.ns->info->ino);
	printf("%s: %s\n", f->obj != NULL ? cli_object_arg(f->obj, arg,
	    sizeof(arg)) : f->topic, f->what);
	printf("%-8s  why: %s\n", "", f->why);
	printf("%-8s  fix: %s\n", "", f->fix);
}

int
report_end(void)
{
	if (out.json != NULL)
		json_end(out.json, ']');
	fflush(stdout);
	return out.max;
}

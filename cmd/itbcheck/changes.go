package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/itbcheck/itbcheck/screen"
)

// stateName is the JSON report batch -o DIR keeps in DIR for the next
// run into the same folder to compare with.
const stateName = "itbcheck-report.json"

// earlierPath is the earlier report job j compares with: --compare FILE;
// else the report this run replaces (DIR/itbcheck-report.json for batch
// -o DIR, the -o file itself when it is JSON); "" for none. given is set
// for --compare.
func earlierPath(j *job) (path string, given bool) {
	f := j.flags
	switch {
	case f.noCompare:
		return "", false
	case f.compare != "":
		return f.compare, true
	case f.output == "":
		return "", false
	case j.out.Folder:
		return filepath.Join(f.output, stateName), false
	case j.format == "json":
		return f.output, false
	}
	return keptReport(j), false
}

// keptReport is the JSON report analyze or batch -o FILE keeps beside a
// FILE of another format for the next run to compare with: me.html keeps
// me.itbcheck.json. "" when the run keeps none (stdout, a JSON FILE, a
// folder, check, or a FILE that is not a regular file).
func keptReport(j *job) string {
	out := j.flags.output
	if out == "" || j.out.Folder || j.format == "json" || (j.command != "analyze" && j.command != "batch") || !isRegularOrAbsent(out) {
		return ""
	}
	return strings.TrimSuffix(out, filepath.Ext(out)) + ".itbcheck.json"
}

// loadEarlier reads the earlier report of job j, when there is one. A
// report that is missing where none was asked for is no comparison; one
// that cannot be read (malformed, foreign, missing when asked for) is one
// warning line and no comparison, never a failure.
func (c *cli) loadEarlier(j *job) {
	path, given := earlierPath(j)
	if path == "" || (!given && !isRegularOrAbsent(path)) {
		return // -o /dev/stdout and the like: nothing to compare with
	}
	e, err := screen.OpenEarlier(path)
	switch {
	case err == nil:
		j.earlier = e
	case !given && errors.Is(err, fs.ErrNotExist):
	default:
		c.warnf("no comparison with the earlier report: %s", oneLine(err))
	}
}

// loadAcks reads the acknowledgements of the team at root (itbcheck ack);
// one that cannot be read is one warning line, and no finding is
// acknowledged.
func (c *cli) loadAcks(j *job, root string) {
	acks, err := screen.LoadAcks(root)
	if err != nil {
		c.warnf("acknowledgements not applied: %s", oneLine(err))
		return
	}
	j.acks = acks
}

// isRegularOrAbsent reports whether path may be replaced by a file.
func isRegularOrAbsent(path string) bool {
	st, err := os.Lstat(path)
	return err != nil || st.Mode().IsRegular()
}

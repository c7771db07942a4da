package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

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
	return "", false
}

// loadEarlier reads the earlier report of job j, when there is one. A
// report that is missing where none was asked for is no comparison; one
// that cannot be read (malformed, foreign, missing when asked for) is one
// warning line and no comparison, never a failure.
func (c *cli) loadEarlier(j *job) {
	path, given := earlierPath(j)
	if path == "" {
		return
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

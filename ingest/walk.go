package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Listing is what a walk over the paths a user gave found.
type Listing struct {
	// Files are the regular files to read, in walk order.
	Files []string
	// Skipped are the entries passed over: files of types itbcheck does not
	// read, links to folders, and entries that are not regular files (named
	// pipes, sockets, devices), each with the reason.
	Skipped []Skip
	// Failed are the inputs that could not be looked at: a given path that
	// does not exist or is not a regular file, a sub-folder that cannot be
	// read, a broken link with a name itbcheck reads. They count as
	// unreadable inputs (exit 3).
	Failed []Problem
}

// Skip is one entry a walk passed over, and why.
type Skip struct {
	Path   string
	Reason string
	// Special is true for an entry that is not simply a file of another
	// type: a named pipe, socket or device, a broken link. Callers name
	// these; the others are only counted.
	Special bool
}

// Scan expands the paths a user gave into the files to read. A path naming
// a regular file is taken whatever its name (the decoders sniff the
// content); one naming a pipe, socket or device fails, since reading it
// could block forever ("-", standard input, is not read either). A folder is
// walked recursively in sorted order, so the result is deterministic: files
// whose names IsSupportedName accepts go to Files, the others to Skipped.
// Hidden files and folders (".git", ".DS_Store") are passed over without
// being listed. Symbolic links to files are followed; symbolic links to
// folders are not entered, so a link cannot make the walk loop.
func Scan(paths []string) Listing {
	var l Listing
	for _, p := range paths {
		if p == "-" {
			l.Failed = append(l.Failed, Problem{Path: p, Err: fmt.Errorf("%w: standard input is not read (pipes are not read): give the file's path", ErrUnsupported)})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			l.Failed = append(l.Failed, Problem{Path: p, Err: statError(err)})
			continue
		}
		switch {
		case st.IsDir():
			l.walkDir(p)
		case st.Mode().IsRegular():
			l.Files = append(l.Files, p)
		default:
			l.Failed = append(l.Failed, Problem{Path: p, Err: fmt.Errorf("%w: %s", ErrUnsupported, notRegular(st.Mode()))})
		}
	}
	return l
}

// Walk is Scan for callers that need only the names: files to read,
// skipped entries, and the first failure as the error.
func Walk(paths []string) (files []string, skipped []string, err error) {
	l := Scan(paths)
	for _, s := range l.Skipped {
		skipped = append(skipped, s.Path)
	}
	if len(l.Failed) > 0 {
		err = l.Failed[0]
	}
	return l.Files, skipped, err
}

// notRegular says what a non-regular file is and that it is not read.
func notRegular(m fs.FileMode) string {
	kind := "not a regular file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeCharDevice != 0:
		kind = "a character device"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	}
	return kind + ", not a regular file: only regular files are read (pipes are not read)"
}

// statError gives the reason of a failed stat without repeating the path.
func statError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err
}

// walkDir lists the files under the folder root.
func (l *Listing) walkDir(root string) {
	var files []string
	var skipped []Skip
	// filepath.WalkDir visits entries in lexical order and never follows
	// symbolic links to folders.
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			// A folder that cannot be listed (permissions, I/O error) hides
			// files: the run must say so, not call them "not read".
			l.Failed = append(l.Failed, Problem{Path: path, Err: fmt.Errorf("cannot read folder: %w", statError(err))})
			if d != nil && d.IsDir() && path != root {
				return fs.SkipDir
			}
			return nil
		}
		hidden := path != root && strings.HasPrefix(d.Name(), ".")
		if d.IsDir() {
			if hidden {
				return fs.SkipDir
			}
			return nil
		}
		if hidden {
			return nil
		}
		supported := IsSupportedName(d.Name()) || IsSymptomLogName(d.Name()) // symptoms.yaml too: the caller sets logs apart
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			st, err := os.Stat(path)
			switch {
			case err != nil && supported:
				l.Failed = append(l.Failed, Problem{Path: path, Err: linkError(err)})
				return nil
			case err != nil:
				skipped = append(skipped, Skip{path, "broken symbolic link", true})
				return nil
			case st.IsDir():
				skipped = append(skipped, Skip{path, "symbolic link to a folder (not followed)", false})
				return nil
			}
			mode = st.Mode().Type()
		}
		switch {
		case !mode.IsRegular():
			skipped = append(skipped, Skip{path, notRegular(mode), true})
		case supported && appleRouteFile(path):
			// a route of the Apple Health export beside it: read with its
			// workout through export.xml, not as an activity of its own
		case supported:
			files = append(files, path)
		default:
			skipped = append(skipped, Skip{path, "not a type itbcheck reads", false})
		}
		return nil
	})
	sort.Strings(files) // WalkDir order already; kept explicit for callers
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	l.Files = append(l.Files, files...)
	l.Skipped = append(l.Skipped, skipped...)
}

// linkError is the reason a symbolic link with an activity file's name
// cannot be read.
func linkError(err error) error {
	err = statError(err)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("broken symbolic link: its target does not exist")
	}
	return fmt.Errorf("symbolic link cannot be followed: %w", err)
}

// appleRouteFile reports whether p is a route file of an unpacked Apple
// Health export: in a workout-routes folder beside an export.xml, which
// reads it with its workout.
func appleRouteFile(p string) bool {
	dir := filepath.Dir(p)
	if filepath.Base(dir) != "workout-routes" {
		return false
	}
	st, err := os.Stat(filepath.Join(filepath.Dir(dir), "export.xml"))
	return err == nil && st.Mode().IsRegular()
}

package ingest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Walk expands the paths a user gave into the files to read. A path naming a
// file is taken whatever its name (the decoders sniff the content). A folder
// is walked recursively in sorted order, so the result is deterministic:
// files whose names IsSupportedName accepts go to files, the others to
// skipped. Hidden files and folders (".git", ".DS_Store") are passed over
// without being listed. Symbolic links to files are followed; symbolic links
// to folders are not entered, so a link cannot make the walk loop. The
// error is not nil only when a given path does not exist or cannot be read;
// unreadable entries inside a folder are listed as skipped.
func Walk(paths []string) (files []string, skipped []string, err error) {
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		f, s := walkDir(p)
		files = append(files, f...)
		skipped = append(skipped, s...)
	}
	return files, skipped, nil
}

// walkDir lists the supported and skipped files under the folder root.
func walkDir(root string) (files, skipped []string) {
	// filepath.WalkDir visits entries in lexical order and never follows
	// symbolic links to folders.
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			skipped = append(skipped, path)
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
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(path)
			if err != nil || !st.Mode().IsRegular() {
				skipped = append(skipped, path)
				return nil
			}
		} else if !d.Type().IsRegular() {
			skipped = append(skipped, path)
			return nil
		}
		if IsSupportedName(d.Name()) {
			files = append(files, path)
		} else {
			skipped = append(skipped, path)
		}
		return nil
	})
	sort.Strings(files) // WalkDir order already; kept explicit for callers
	sort.Strings(skipped)
	return files, skipped
}

package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestWalk(t *testing.T) {
	root := t.TempDir()
	mk := func(rel string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, rel := range []string{
		"b/run.FIT", "a/2.gpx.gz", "a/1.tcx", "a/notes.txt", "export.zip",
		".git/objects/x.fit", "a/.hidden.fit", "c/d/e/activities.csv", "photo.jpg",
	} {
		mk(rel)
	}
	// A link back to the root must not make the walk loop.
	if err := os.Symlink(root, filepath.Join(root, "a", "loop")); err != nil {
		t.Fatal(err)
	}
	explicit := filepath.Join(root, "photo.jpg")

	tests := []struct {
		name        string
		paths       []string
		wantFiles   []string
		wantSkipped []string
		wantErr     bool
	}{
		{
			name:        "folder",
			paths:       []string{root},
			wantFiles:   []string{"a/1.tcx", "a/2.gpx.gz", "b/run.FIT", "c/d/e/activities.csv", "export.zip"},
			wantSkipped: []string{"a/loop", "a/notes.txt", "photo.jpg"},
		},
		{name: "explicit file taken whatever its name", paths: []string{explicit}, wantFiles: []string{"photo.jpg"}},
		{name: "missing path", paths: []string{filepath.Join(root, "nope")}, wantErr: true},
	}
	rel := func(ps []string) []string {
		var out []string
		for _, p := range ps {
			r, err := filepath.Rel(root, p)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, skipped, err := Walk(tt.paths)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if got := rel(files); !reflect.DeepEqual(got, tt.wantFiles) {
				t.Errorf("files = %q, want %q", got, tt.wantFiles)
			}
			if got := rel(skipped); !reflect.DeepEqual(got, tt.wantSkipped) {
				t.Errorf("skipped = %q, want %q", got, tt.wantSkipped)
			}
		})
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "report.json")
	for _, content := range []string{"first version", "second, longer version"} {
		if err := writeAtomic(target, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(target)
		if err != nil || string(got) != content {
			t.Errorf("target = %q, %v; want %q", got, err, content)
		}
	}
	releaseTempLocks() // as run does at its end
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the target (no temp files)", len(entries))
	}
	// A batch whose second file cannot be written leaves nothing behind.
	files := []outputFile{
		{Path: filepath.Join(dir, "a.txt"), Data: []byte("a")},
		{Path: filepath.Join(dir, "missing", "b.txt"), Data: []byte("b")},
	}
	if err := writeAllAtomic(files); err == nil {
		t.Error("writeAllAtomic into a missing folder succeeded")
	}
	if _, err := os.Stat(files[0].Path); !os.IsNotExist(err) {
		t.Errorf("a.txt exists after a failed batch (err %v)", err)
	}
	releaseTempLocks()
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("failed batch left %d entries, want 1", len(entries))
	}
}

func TestOutputFile(t *testing.T) {
	dir := isolate(t)
	in := fitSamples(t, dir, "alice")
	out := filepath.Join(dir, "out", "report.json")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, errOut := runCLI(t, "analyze", "-o", out, "-q", in)
	if code != exitOK && code != exitInputs {
		t.Fatalf("analyze -o: exit %d, stderr %q", code, errOut)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing with -o", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("report not written: %v", err)
	}
	if !json.Valid(data) {
		t.Errorf("-o report.json is not complete JSON (format from the extension): %.200s", data)
	}
	if !bytes.Contains(data, []byte(`"athlete": "alice"`)) && !bytes.Contains(data, []byte(`"athlete":"alice"`)) {
		t.Errorf("report lacks the athlete named after the folder: %.300s", data)
	}

	// -o naming an input file is refused before anything is read.
	victim := filepath.Join(in, "Activity.fit")
	before, _ := os.ReadFile(victim)
	for _, target := range []string{victim, filepath.Join(dir, "alice", ".", "Activity.fit")} {
		code, _, errOut = runCLI(t, "analyze", "--format", "json", "-o", target, in)
		// Refused for its .fit extension (not a report's) or as an input.
		if code != exitUsage || !strings.Contains(errOut, "would overwrite the input") && !strings.Contains(errOut, "unknown extension .fit") {
			t.Errorf("-o %s: exit %d, stderr %q; want 2 and a refusal", target, code, errOut)
		}
	}
	after, _ := os.ReadFile(victim)
	if !bytes.Equal(before, after) {
		t.Error("input file changed")
	}
}

func TestDeterministicAcrossJobs(t *testing.T) {
	dir := isolate(t)
	in := fitSamples(t, dir, "alice")
	fitSamples(t, dir, "alice/copy")
	writeFile(t, in, "broken.fit", "")
	var want string
	for _, jobs := range []string{"1", "8", "3"} {
		code, out, errOut := runCLI(t, "analyze", "--format", "json", "--jobs", jobs, in)
		if code != exitInputs {
			t.Fatalf("jobs %s: exit %d, want 3 (broken.fit); stderr %q", jobs, code, errOut)
		}
		if want == "" {
			want = out
			continue
		}
		if out != want {
			t.Errorf("jobs %s output differs from jobs 1", jobs)
		}
	}
	if !strings.Contains(want, `"generated_at": "`+fixedNow+`"`) {
		t.Errorf("generated_at not pinned by ITBCHECK_NOW: %.300s", want)
	}

	// The committed sample team, where the rules find things.
	sample, err := filepath.Abs(filepath.Join(origDir, "..", "..", "testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sample); err != nil {
		t.Fatalf("no sample team (testdata/sample is committed): %v", err)
	}
	var team string
	for _, jobs := range []string{"1", "8"} {
		code, out, errOut := runCLI(t, "batch", "--format", "json", "--jobs", jobs, sample)
		if code != exitOK {
			t.Fatalf("batch sample --jobs %s: exit %d, stderr %q", jobs, code, errOut)
		}
		if team != "" && out != team {
			t.Errorf("batch sample: --jobs %s output differs from --jobs 1", jobs)
		}
		team = out
	}
}

func TestBatchFolder(t *testing.T) {
	dir := isolate(t)
	root := filepath.Join(dir, "team")
	fitSamples(t, root, "alice")
	fitSamples(t, root, "bob smith")
	writeFile(t, root, "stray.fit", "")
	writeFile(t, root, ".hidden/x.fit", "")
	tests := []struct {
		format string
		want   []string
	}{
		// itbcheck-report.json is kept for the next run's comparison;
		// team.csv, the team table, is beside the index in every format.
		{"json", []string{"alice.json", "bob_smith.json", "index.json", "itbcheck-report.json", "team.csv"}},
		{"csv", []string{"alice.csv", "bob_smith.csv", "itbcheck-report.json", "team.csv"}},
		{"html", []string{"alice.html", "bob_smith.html", "index.html", "itbcheck-report.json", "team.csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+tt.format)
			code, stdout, errOut := runCLI(t, "batch", "--format", tt.format, "-o", out, root)
			if code != exitOK && code != exitInputs {
				t.Fatalf("batch: exit %d, stderr %q", code, errOut)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing with -o DIR", stdout)
			}
			if !strings.Contains(errOut, "stray.fit") || strings.Contains(errOut, ".hidden") {
				t.Errorf("stderr = %q, want a warning about stray.fit only", errOut)
			}
			entries, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			sort.Strings(got)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("files = %q, want %q", got, tt.want)
			}
			if tt.format == "html" {
				data, _ := os.ReadFile(filepath.Join(out, "index.html"))
				for _, page := range []string{`href="alice.html"`, `href="bob_smith.html"`} {
					if !strings.Contains(string(data), page) {
						t.Errorf("index.html has no link %s to the athlete's own page", page)
					}
				}
			}
			if tt.format == "json" {
				data, _ := os.ReadFile(filepath.Join(out, "index.json"))
				var r struct {
					Athletes []struct {
						Athlete string `json:"athlete"`
					} `json:"athletes"`
				}
				if err := json.Unmarshal(data, &r); err != nil || len(r.Athletes) != 2 {
					t.Errorf("index.json = %v athletes (%v), want alice and bob smith", len(r.Athletes), err)
				}
			}
		})
	}
	t.Run("output is an input folder", func(t *testing.T) {
		code, _, errOut := runCLI(t, "batch", "-o", filepath.Join(root, "alice"), root)
		if code != exitUsage || !strings.Contains(errOut, "folder of inputs") {
			t.Errorf("batch -o ROOT/alice: exit %d, stderr %q; want 2 and a refusal", code, errOut)
		}
	})
	t.Run("output is a report file: the overview alone", func(t *testing.T) {
		f := writeFile(t, dir, "file.json", "{}")
		code, _, errOut := runCLI(t, "batch", "-o", f, root)
		if code != exitOK || !strings.Contains(errOut, "wrote "+f+" (json team overview of 2 athletes)") {
			t.Errorf("batch -o FILE.json: exit %d, stderr %q; want 0 and what was written", code, errOut)
		}
		data, _ := os.ReadFile(f)
		if !json.Valid(data) || !bytes.Contains(data, []byte(`"bob smith"`)) {
			t.Errorf("team overview %s: %.200s", f, data)
		}
	})
	t.Run("output is a folder that is a file", func(t *testing.T) {
		f := writeFile(t, dir, "notafolder", "x")
		if code, _, errOut := runCLI(t, "batch", "-o", f, root); code != exitUsage || !strings.Contains(errOut, "this is a file") {
			t.Errorf("batch -o FILE (no extension): exit %d, stderr %q; want 2", code, errOut)
		}
	})
}

func TestFileName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"alice", "alice"},
		{"Bob Smith", "Bob_Smith"},
		{"../../etc/passwd", "_.._etc_passwd"},
		{".hidden", "hidden"},
		{"", "athlete"},
		{"Zoë", "Zo_"},
	}
	for _, tt := range tests {
		if got := fileName(tt.in); got != tt.want {
			t.Errorf("fileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	used := map[string]bool{}
	var got []string
	for _, base := range []string{"a", "A", "index", "a"} {
		got = append(got, uniqueName(base, "html", used))
	}
	if want := "a.html A-2.html index-2.html a-3.html"; strings.Join(got, " ") != want {
		t.Errorf("uniqueName = %q, want %q", strings.Join(got, " "), want)
	}
}

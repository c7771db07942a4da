package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/hostile"
)

// maxHostileRSS is the peak resident set any single hostile file may cost
// the whole itbcheck process (issue 14).
const maxHostileRSS = 300 << 20

var hostileStart = time.Date(2026, 3, 3, 6, 0, 0, 0, time.UTC)

// measured runs the binary under the peakrss wrapper, as itbcheck() runs
// it, and returns what it printed and its own peak RSS in bytes: the
// wrapper reports getrusage(RUSAGE_CHILDREN) of the itbcheck process
// alone, so the test binary's memory cannot leak into the figure (Go
// starts children with vfork, and Linux carries the parent's peak into a
// child's ru_maxrss at exec).
func measured(t *testing.T, timeout time.Duration, args ...string) (result, int64, time.Duration) {
	t.Helper()
	res, rss, _, elapsed := measuredIn(t, t.TempDir(), nil, timeout, args...)
	return res, rss, elapsed
}

// measuredIn is measured with the working directory dir (where a config
// ./itbcheck.yaml is found) and env ("KEY=value") added; it also gives
// the process's CPU time (user and system), from getrusage.
func measuredIn(t *testing.T, dir string, env []string, timeout time.Duration, args ...string) (res result, rss int64, cpu, elapsed time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, peakRSS, append([]string{binary}, args...)...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir, "XDG_CONFIG_HOME=" + cmd.Dir, "ITBCHECK_NOW=" + fixedNow}, env...)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	cmd.ExtraFiles = []*os.File{pw}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err = cmd.Run()
	elapsed = time.Since(start)
	pw.Close()
	if ctx.Err() != nil {
		t.Fatalf("itbcheck %q still running after %v: a hang", args, timeout)
	}
	code := exitCode(t, args, err)
	line, _ := io.ReadAll(pr)
	var kib, us int64
	for _, f := range strings.Fields(string(line)) {
		if v, ok := strings.CutPrefix(f, "maxrss_kib="); ok {
			kib, _ = strconv.ParseInt(v, 10, 64)
		}
		for _, key := range []string{"user_us=", "sys_us="} {
			if v, ok := strings.CutPrefix(f, key); ok {
				n, _ := strconv.ParseInt(v, 10, 64)
				us += n
			}
		}
	}
	if kib == 0 {
		t.Fatalf("peakrss reported %q", line)
	}
	return result{out.Bytes(), errb.Bytes(), code}, kib << 10, time.Duration(us) * time.Microsecond, elapsed
}

// TestHostileFilesBounded: each hostile file of the attack review, given
// to `analyze` alone beside one good run, is refused with its path and a
// one-line reason (exit 3) within a minute, the good run is still
// analysed, and the process's peak RSS stays under 300 MiB. Before issue
// 14: 3.6 GB (sessions.fit), 4.4 GB (sessions.fit.gz), 5.2 GB and exit 0
// (bloated-directory.zip), 4.2 GB (text.gpx), 2.2 GB (rows.csv), about
// 36 h (duplicate-entries.zip) and 171 s (sparse.fit).
func TestHostileFilesBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile files of up to 2 GiB; skipped with -short")
	}
	good := hostile.GPX(600, "UTF-8", "good run", hostileStart.Add(-48*time.Hour))
	sessions := hostile.ManySessionsFIT(700_000, hostileStart)
	cases := []struct {
		name  string
		write func(path string) error
		want  string
	}{
		{"sessions.fit", func(p string) error { return os.WriteFile(p, sessions, 0o644) },
			"more than 1000 sessions in one FIT file"},
		{"sessions.fit.gz", func(p string) error {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
			zw.Write(hostile.ManySessionsFIT(1_000_000, hostileStart))
			zw.Close()
			return os.WriteFile(p, b.Bytes(), 0o644)
		}, "more than 1000 sessions in one FIT file"},
		{"bloated-directory.zip", func(p string) error {
			return writeTo(p, func(w io.Writer) error { return hostile.BloatedDirectoryZip(w, 80<<20, good) })
		}, "zip directory is"},
		{"text.gpx", func(p string) error {
			return writeTo(p, func(w io.Writer) error { return hostile.HugeTextGPX(w, 1<<30, hostileStart) })
		}, "XML holds more than 1048576 bytes without markup"},
		{"rows.csv", func(p string) error {
			return writeTo(p, func(w io.Writer) error { return hostile.ManyRowsStravaCSV(w, 1_000_000, hostileStart) })
		}, "more than 50000 activity rows in one summary CSV"},
		{"duplicate-entries.zip", func(p string) error {
			return os.WriteFile(p, hostile.DuplicateEntriesZip(20_000, sampleRows(40_000)), 0o644)
		}, "19999 zip directory entries point into the data of another member"},
		{"sparse.fit", func(p string) error { return hostile.SparseFIT(p, 2<<30-16) }, "FIT data is mostly zero bytes"},
		// Issue 29: a 2 MB gzip of a zip holding 250 MB once cost 531 MiB;
		// 2.09 million FIT laps 342-410 MiB.
		{"export.fit.gz", func(p string) error {
			return writeTo(p, func(w io.Writer) error { return hostile.GzipOfZip(w, 250<<20, good) })
		}, "more than 128 MiB (limits.max_buffered_zip_mb)"},
		{"laps.fit", func(p string) error { return os.WriteFile(p, hostile.ManyLapsFIT(2_090_000, hostileStart), 0o644) },
			"more than 10000 laps in one FIT file (limits.max_laps)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "alice")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "good.gpx"), good, 0o644); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tc.name)
			if err := tc.write(path); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(path)
			st, _ := os.Stat(path)
			res, rss, elapsed := measured(t, 2*time.Minute, "analyze", "--format", "json", "--no-progress", "--jobs", "1", dir)
			t.Logf("%s (%d MiB): exit %d in %v, peak RSS %d MiB; stderr %s", tc.name, st.Size()>>20, res.code, elapsed.Round(time.Millisecond), rss>>20, bytes.TrimSpace(res.stderr))
			if res.code != 3 {
				t.Errorf("exit %d, want 3", res.code)
			}
			line := "itbcheck: cannot read " + path
			if !bytes.Contains(res.stderr, []byte(line)) || !bytes.Contains(res.stderr, []byte(tc.want)) {
				t.Errorf("stderr %q, want %q with %q", res.stderr, line, tc.want)
			}
			if a := parseReport(t, res.stdout).Athletes[0]; a.Activities < 1 {
				t.Errorf("the good run was not analysed beside %s", tc.name)
			}
			if rss > maxHostileRSS {
				t.Errorf("peak RSS %d MiB, want under %d MiB", rss>>20, maxHostileRSS>>20)
			}
			if elapsed > time.Minute {
				t.Errorf("took %v, want well under a minute", elapsed)
			}
		})
	}
}

// TestNestedZipMemory: a zip inside a zip (a Garmin export) is read in
// place when stored and from memory, in 1 MiB chunks, when deflated: a
// 250 MB nested zip once cost 600 MB of RSS either way. A deflated one
// over limits.max_buffered_zip_mb (128) is refused in one line naming the
// key; raised to 256, it is read within 300 MiB.
func TestNestedZipMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("250 MB archives; skipped with -short")
	}
	gpx := hostile.GPX(600, "UTF-8", "nested run", hostileStart)
	for _, tc := range []struct {
		name    string
		stored  bool
		env     []string
		refused string // in stderr when the nested zip is refused
		maxRSS  int64
	}{
		{"stored.zip", true, nil, "", 64 << 20},
		{"deflated.zip", false, nil, "more than 128 MiB (limits.max_buffered_zip_mb)", 160 << 20},
		{"deflated.zip", false, []string{"ITBCHECK_LIMITS_MAX_BUFFERED_ZIP_MB=256"}, "", maxHostileRSS},
	} {
		t.Run(fmt.Sprintf("%s%v", tc.name, tc.env), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name)
			if err := writeTo(path, func(w io.Writer) error { return hostile.NestedZip(w, 250<<20, tc.stored, gpx) }); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(path)
			res, rss, _, elapsed := measuredIn(t, t.TempDir(), tc.env, 2*time.Minute, "inspect", "--format", "json", path)
			t.Logf("%s: exit %d in %v, peak RSS %d MiB; stderr %s", tc.name, res.code, elapsed.Round(time.Millisecond), rss>>20, bytes.TrimSpace(res.stderr))
			if tc.refused != "" {
				if !bytes.Contains(res.stderr, []byte(tc.refused)) || len(lines(res.stderr)) != 1 {
					t.Errorf("exit %d, stderr %q; want one line saying %q", res.code, res.stderr, tc.refused)
				}
			} else if res.code != 0 || !bytes.Contains(res.stdout, []byte(tc.name+"!/inner.zip!/run.gpx")) {
				t.Errorf("exit %d, stdout %.300s; want the nested run read", res.code, res.stdout)
			}
			if rss > tc.maxRSS {
				t.Errorf("peak RSS %d MiB, want under %d MiB", rss>>20, tc.maxRSS>>20)
			}
		})
	}
}

// sampleRows is a per-second sample CSV of n rows.
func sampleRows(n int) []byte {
	var b bytes.Buffer
	b.WriteString("time,heart_rate,cadence,distance\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%d,150,170,%d\n", i, 3*i)
	}
	return b.Bytes()
}

// writeTo creates path and has gen write into it.
func writeTo(path string, gen func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := gen(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// TestPipesAndBrokenPaths: a FIFO among the inputs once blocked forever
// and ignored Ctrl-C; an unreadable sub-folder and a dangling .fit link
// once gave exit 0 as "files of types itbcheck does not read"; /dev/stdin
// was "zero-length file". Now: a FIFO in a folder is skipped and named, one
// given (or "-", or a pipe as /dev/stdin) fails with the reason, the
// folder and the link fail with path and reason: exit 3, promptly.
func TestPipesAndBrokenPaths(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "alice")
	if err := os.MkdirAll(filepath.Join(dir, "locked"), 0o755); err != nil {
		t.Fatal(err)
	}
	good := hostile.GPX(600, "UTF-8", "good run", hostileStart)
	for _, p := range []string{filepath.Join(dir, "good.gpx"), filepath.Join(dir, "locked", "hidden.gpx")} {
		if err := os.WriteFile(p, good, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fifo := filepath.Join(dir, "pipe.fit")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.fit"), filepath.Join(dir, "dangling.fit")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	if err := os.Chmod(filepath.Join(dir, "locked"), 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(dir, "locked"), 0o755)
	// As root, a folder without permissions is still readable: run
	// itbcheck as nobody so that it is not.
	var asNobody []string
	if os.Geteuid() == 0 {
		asNobody = []string{"nobody"}
		for p := dir; p != "/"; p = filepath.Dir(p) {
			if p == filepath.Join(dir, "locked") {
				continue
			}
			os.Chmod(p, 0o755)
		}
		os.Chmod(binary, 0o755)
		os.Chmod(scratch, 0o755)
	}
	run := func(stdin io.Reader, nobody bool, args ...string) result {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, binary, args...)
		cmd.Dir = root
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + root, "XDG_CONFIG_HOME=" + root, "ITBCHECK_NOW=" + fixedNow}
		if nobody && len(asNobody) > 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		cmd.Stdin = stdin
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		if ctx.Err() != nil {
			t.Fatalf("itbcheck %q blocks", args)
		}
		return result{out.Bytes(), errb.Bytes(), exitCode(t, args, err)}
	}

	res := run(nil, true, "analyze", "--format", "json", "--no-progress", dir)
	stderr := string(res.stderr)
	if res.code != 3 {
		t.Errorf("folder: exit %d, want 3; stderr %s", res.code, stderr)
	}
	for _, want := range []string{
		"itbcheck: skipped " + fifo + ": a named pipe (FIFO), not a regular file",
		"itbcheck: cannot read " + filepath.Join(dir, "dangling.fit") + ": broken symbolic link: its target does not exist",
		"itbcheck: cannot read " + filepath.Join(dir, "locked") + ": cannot read folder: permission denied",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("folder: stderr lacks %q:\n%s", want, stderr)
		}
	}
	if a := parseReport(t, res.stdout).Athletes[0]; a.Activities != 1 {
		t.Errorf("folder: %d activities, want the good run", a.Activities)
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() { w.Write(good); w.Close() }()
	for _, tc := range []struct {
		args  []string
		stdin io.Reader
		code  int
		want  string
	}{
		{[]string{"analyze", "--no-progress", fifo}, nil, 3, fifo + ": unsupported file type: a named pipe (FIFO), not a regular file: only regular files are read"},
		{[]string{"inspect", fifo}, nil, 3, "a named pipe (FIFO), not a regular file"},
		{[]string{"analyze", "--no-progress", "-"}, nil, 2, "-: standard input is not read (pipes are not read): give the file's path"},
		{[]string{"inspect", "-"}, nil, 2, "-: standard input is not read (pipes are not read): give the file's path"}, // a usage error, as for analyze
		{[]string{"inspect", "/dev/stdin"}, r, 3, "/dev/stdin: unsupported file type: a named pipe (FIFO), not a regular file"},
	} {
		res := run(tc.stdin, false, tc.args...)
		if res.code != tc.code || !strings.Contains(string(res.stderr), tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, res.code, res.stderr, tc.code, tc.want)
		}
	}
}

// TestNoActivityFIT: a FIT file holding no activity (a watch's daily
// monitoring file) once gave exit 0 and an empty inspect: it now says
// what it holds and counts as unread.
func TestNoActivityFIT(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "alice")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mon := filepath.Join(dir, "monitor.fit")
	if err := os.WriteFile(mon, hostile.KindFIT(hostile.FITMonitoring, hostileStart), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"inspect", mon}, {"analyze", "--no-progress", "--format", "json", dir}} {
		res := itbcheck(t, nil, args...)
		want := mon + ": empty: a monitoring file (FIT file type monitoring_b), no activity"
		if res.code != 3 || !strings.Contains(string(res.stderr), want) {
			t.Errorf("%s: exit %d, stderr %q; want 3 and %q", args[0], res.code, res.stderr, want)
		}
	}
}

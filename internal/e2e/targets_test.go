package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputIntoFIFO: a FIFO given to -o (or a link to one) is written
// into, never replaced: its reader gets the whole report and the FIFO is
// still a FIFO afterwards. This needs no privilege.
func TestOutputIntoFIFO(t *testing.T) {
	alice := sampleDir(t, "alice")
	for _, viaLink := range []bool{false, true} {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "pipe.json")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skipf("no FIFO here: %v", err)
		}
		target := fifo
		if viaLink {
			target = filepath.Join(dir, "link.json")
			if err := os.Symlink(fifo, target); err != nil {
				t.Fatal(err)
			}
		}
		got := make(chan []byte, 1)
		go func() {
			data, _ := os.ReadFile(fifo) // blocks until the writer opens it
			got <- data
		}()
		res := itbcheck(t, nil, "analyze", alice, "-o", target)
		data := <-got
		if res.code != 0 {
			t.Fatalf("-o %s: exit %d: %s", target, res.code, res.stderr)
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Errorf("-o %s: the reader got %d bytes, not the JSON report: %v", target, len(data), err)
		}
		for _, p := range []string{fifo, target} {
			if st, err := os.Lstat(p); err != nil || (p == fifo && st.Mode()&os.ModeNamedPipe == 0) || (p != fifo && st.Mode()&os.ModeSymlink == 0) {
				t.Errorf("%s was replaced (mode %v, %v)", p, st.Mode(), err)
			}
		}
		if entries, _ := os.ReadDir(dir); len(entries) != map[bool]int{false: 1, true: 2}[viaLink] {
			t.Errorf("-o %s left %d entries in its folder", target, len(entries))
		}
	}
}

// TestOutputIntoDevices: -o /dev/null, /dev/full and /dev/stdout (and the
// profiles and config init --force) write into the device, never rename
// over it. As root (CI containers) a mistake would turn the container's
// /dev/null into a file, so the root case runs in a private mount
// namespace over a fake /dev of real device nodes; without unshare it is
// skipped, loudly. As another user the real /dev is safe to aim at.
func TestOutputIntoDevices(t *testing.T) {
	alice := sampleDir(t, "alice")
	state := filepath.Join(t.TempDir(), "dev-state")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // must appear
		stderr string // must appear
	}{
		{name: "null", args: []string{"analyze", alice, "--format", "json", "-o", "/dev/null"}, code: 0, stderr: "wrote /dev/null"},
		{name: "full", args: []string{"analyze", alice, "--format", "json", "-o", "/dev/full"}, code: 2, stderr: "/dev/full: no space left on device"},
		{name: "stdout", args: []string{"analyze", alice, "--format", "json", "-o", "/dev/stdout"}, code: 0, stdout: `"schema": "itbcheck.report/v2"`},
		{name: "batch folder", args: []string{"batch", sampleDir(t, ""), "--format", "csv", "-o", "/dev/stdout"}, code: 2, stderr: "-o /dev/stdout: batch writes a folder"},
		{name: "config init", args: []string{"config", "init", "--force", "/dev/null"}, code: 0, stderr: "wrote /dev/null"},
		{name: "profiles", args: []string{"analyze", alice, "--format", "json", "-o", "/dev/null", "--cpuprofile", "/dev/null", "--memprofile", "/dev/null"}, code: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(state)
			res := devRun(t, state, tt.args...)
			if res.code != tt.code || !strings.Contains(string(res.stdout), tt.stdout) || !strings.Contains(string(res.stderr), tt.stderr) {
				t.Errorf("exit %d\nstdout %.200s\nstderr %s\nwant %d, %q on stdout, %q on stderr", res.code, res.stdout, res.stderr, tt.code, tt.stdout, tt.stderr)
			}
			if tt.code == 2 && len(lines(res.stderr)) != 1 {
				t.Errorf("refusal in %d lines, want one:\n%s", len(lines(res.stderr)), res.stderr)
			}
			if os.Geteuid() != 0 {
				return
			}
			data, err := os.ReadFile(state)
			if err != nil {
				t.Fatalf("no state of the private /dev: %v", err)
			}
			want := "/dev/null character special file\n/dev/full character special file\n/dev/stdout symbolic link\nfull\nnull\nstdout\n"
			if string(data) != want {
				t.Errorf("the private /dev after the run:\n%s\nwant:\n%s", data, want)
			}
		})
	}
}

// devRun runs the binary with args; as root, inside a private mount
// namespace whose /dev is a tmpfs holding null, full and stdout, and
// records those nodes' kinds (and every name in /dev) into state.
func devRun(t *testing.T, state string, args ...string) result {
	t.Helper()
	if os.Geteuid() != 0 {
		return itbcheck(t, nil, args...)
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("SKIPPED LOUDLY: root without unshare: aiming -o at /dev would risk this machine's /dev")
	}
	script := `mount -t tmpfs tmpfs /dev && mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/full c 1 7 && ln -s /proc/self/fd/1 /dev/stdout || exit 97
"$@"; rc=$?
stat -c '%n %F' /dev/null /dev/full /dev/stdout > "$STATE"; ls -A /dev >> "$STATE"
exit $rc`
	cmd := exec.Command(unshare, append([]string{"-m", "--propagation", "private", "sh", "-c", script, "sh", binary}, args...)...)
	cmd.Dir = t.TempDir()
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir, "XDG_CONFIG_HOME=" + cmd.Dir, "ITBCHECK_NOW=" + fixedNow, "STATE=" + state}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code == 97 {
		t.Skipf("SKIPPED LOUDLY: cannot make a private /dev here (%s): -o /dev/... not tested", strings.TrimSpace(errb.String()))
	}
	return result{out.Bytes(), errb.Bytes(), code}
}

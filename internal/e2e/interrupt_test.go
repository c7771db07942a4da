package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// TestInterruptWritesNothing: Ctrl-C during a batch stops it with exit
// 130 and leaves no report, whole or partial, and no temporary file in
// the output folder.
func TestInterruptWritesNothing(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	first := filepath.Join(root, "team", "athlete0")
	paths, err := synth.Plan(synth.Steady).WriteFIT(first) // 1 Hz: a batch long enough to interrupt
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 8; i++ { // the same files under seven more athletes, as hard links
		dir := filepath.Join(root, "team", fmt.Sprintf("athlete%d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			if err := os.Link(p, filepath.Join(dir, filepath.Base(p))); err != nil {
				t.Fatal(err)
			}
		}
	}
	out := filepath.Join(root, "out")
	// A signal that arrives before main has installed its handler kills
	// the process the default way (no exit code); on a loaded machine 100
	// ms may not reach main, so such a run is retried with a longer wait.
	// Only a run that handled the signal is judged.
	var exit *exec.ExitError
	for i, wait := range []time.Duration{100 * time.Millisecond, 400 * time.Millisecond, 1500 * time.Millisecond} {
		cmd := exec.Command(binary, "batch", "-q", "--jobs", "1", "--format", "html", "-o", out, filepath.Join(root, "team"))
		cmd.Dir = root
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + root, "XDG_CONFIG_HOME=" + root, "ITBCHECK_NOW=" + fixedNow}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(wait)
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		switch {
		case err == nil:
			t.Skip("the batch finished before the interrupt reached it")
		case !errors.As(err, &exit):
			t.Fatal(err)
		}
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() && i < 2 {
			t.Logf("SIGINT after %v arrived before the handler was installed; retrying", wait)
			continue
		}
		break
	}
	if exit.ExitCode() != 130 {
		t.Fatalf("exit %d after SIGINT, want 130", exit.ExitCode())
	}
	entries, err := os.ReadDir(out)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("interrupted batch left %s in the output folder", e.Name())
	}
}

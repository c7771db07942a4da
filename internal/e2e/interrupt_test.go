package e2e

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"github.com/itbcheck/itbcheck/testkit/moddir"
	"hash/crc32"
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

// TestInspectInterruptedMidZip: Ctrl-C while inspect reads a long zip
// stops it between members with exit 130, as for analyze and batch: the
// command reads with the CLI's context, not one that ignores the signal.
func TestInspectInterruptedMidZip(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	big := filepath.Join(moddir.Testdata(t, "github.com/muktihari/fit"), "big_activity.fit")
	zipPath := filepath.Join(root, "export.zip")
	writeRepeatedZip(t, zipPath, big, 400) // seconds of decoding, so the signal lands mid-zip
	var exit *exec.ExitError
	for i, wait := range []time.Duration{300 * time.Millisecond, 600 * time.Millisecond, 1500 * time.Millisecond} {
		cmd := exec.Command(binary, "inspect", zipPath)
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
			t.Fatalf("inspect read all 400 members of the zip and exited 0 although SIGINT came %v after the start", wait)
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
		t.Fatalf("inspect exit %d after SIGINT, want 130", exit.ExitCode())
	}
}

// writeRepeatedZip writes a zip of n members, each a copy of the file at
// src, compressed once (the members share the compressed bytes).
func writeRepeatedZip(t *testing.T, path, src string, n int) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var packed bytes.Buffer
	fw, err := flate.NewWriter(&packed, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for i := 0; i < n; i++ {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("activities/%03d.fit", i), Method: zip.Deflate,
			CRC32: crc32.ChecksumIEEE(data), CompressedSize64: uint64(packed.Len()), UncompressedSize64: uint64(len(data))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(packed.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

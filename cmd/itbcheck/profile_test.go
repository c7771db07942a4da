package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestProfiles checks that --cpuprofile and --memprofile write pprof
// profiles (gzip-compressed protocol buffers) for every analysing command,
// for users to attach when they report slowness.
func TestProfiles(t *testing.T) {
	dir := isolate(t)
	team := filepath.Join(dir, "team")
	athlete := fitSamples(t, team, "alice")
	for _, args := range [][]string{
		{"analyze", "--format", "json", athlete},
		{"batch", "--format", "json", team},
		{"check", "--format", "json", "--fail-on", "high", athlete},
		{"inspect", "--format", "json", filepath.Join(athlete, "Activity.fit")},
	} {
		t.Run(args[0], func(t *testing.T) {
			cpu, mem := filepath.Join(dir, args[0]+".cpu"), filepath.Join(dir, args[0]+".mem")
			code, _, stderr := runCLI(t, append([]string{"--cpuprofile", cpu, "--memprofile", mem}, args...)...)
			if code != exitOK && code != exitFindings && code != exitInputs {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, p := range []string{cpu, mem} {
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
					t.Errorf("%s: not a pprof profile (%d bytes)", p, len(b))
				}
			}
		})
	}
}

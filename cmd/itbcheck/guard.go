package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/internal/config"
	"github.com/itbcheck/itbcheck/safetext"
)

// This file holds the CLI's guards against hostile or unlucky input:
// outputs (reports and profiles) that would overwrite an input, output
// names too long for the file system, temporaries left by a killed run,
// and SOURCE_DATE_EPOCH out of range.

// inputClash reports the first input file among paths (walked as the
// pipeline walks them) that writing out would overwrite, and how to say
// so; "" when there is none. When out is an existing folder, a report in
// it that is also an input counts.
func inputClash(out string, paths []string) (victim, what string) {
	targets := []string{out}
	what = "would overwrite the input"
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		what = "is a folder of inputs; reports there would be read as inputs next time, such as"
		entries, _ := os.ReadDir(out)
		targets = targets[:0]
		for _, e := range entries {
			targets = append(targets, filepath.Join(out, e.Name()))
		}
	}
	var outs []os.FileInfo
	for _, t := range targets {
		if st, err := os.Stat(t); err == nil && !st.IsDir() {
			outs = append(outs, st)
		}
	}
	if len(outs) == 0 {
		return "", ""
	}
	files, _, _ := ingest.Walk(existing(paths))
	for _, in := range files {
		ist, err := os.Stat(in)
		if err != nil {
			continue
		}
		for _, o := range outs {
			if os.SameFile(ist, o) {
				return in, what
			}
		}
	}
	return "", ""
}

// refuseProfileOverInput applies -o's guard to --cpuprofile and
// --memprofile: a profile must never replace one of the run's inputs
// (the arguments, and the roster's paths when the config has one).
func (c *cli) refuseProfileOverInput(args []string) error {
	if c.cpuProfile == "" && c.memProfile == "" {
		return nil
	}
	inputs := append([]string(nil), args...)
	if cfg, err := config.Load(config.Options{Path: c.configPath, Warn: io.Discard}); err == nil {
		for _, e := range cfg.Athletes {
			inputs = append(inputs, e.Paths...)
		}
	}
	for _, p := range []struct{ flag, path string }{{"--cpuprofile", c.cpuProfile}, {"--memprofile", c.memProfile}} {
		if p.path == "" {
			continue
		}
		if st, err := os.Stat(p.path); err == nil && st.IsDir() {
			return usageErrorf("%s %s: is a folder, want a file", p.flag, p.path)
		}
		if victim, what := inputClash(p.path, inputs); victim != "" {
			return usageErrorf("%s %s: %s %s", p.flag, p.path, what, victim)
		}
	}
	return nil
}

// startProfiles starts the CPU profile when asked, into a temporary file
// beside the profile's path that stopProfiles renames into place, so that
// a profile is written whole or not at all.
func (c *cli) startProfiles(args []string) error {
	if err := c.refuseProfileOverInput(args); err != nil {
		c.cpuProfile, c.memProfile = "", "" // stopProfiles must write neither
		return err
	}
	if c.cpuProfile == "" {
		return nil
	}
	f, err := newTempFile(c.cpuProfile)
	if err != nil {
		return usageErrorf("--cpuprofile %s", oneLine(err))
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.discard()
		return usageErrorf("--cpuprofile %s: %v", c.cpuProfile, err)
	}
	c.cpuFile = f
	return nil
}

// stopProfiles stops the CPU profile and writes the memory profile, each
// atomically (or directly into a device or FIFO).
func (c *cli) stopProfiles() error {
	if c.cpuFile != nil {
		pprof.StopCPUProfile()
		f := c.cpuFile
		c.cpuFile = nil
		err := f.finish()
		if err == nil {
			err = renameAll([]*tempFile{f})
		}
		if err != nil {
			return &exitError{code: exitUsage, msg: "--cpuprofile " + oneLine(err)}
		}
	}
	if c.memProfile == "" {
		return nil
	}
	var buf bytes.Buffer
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(&buf, 0); err != nil {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("--memprofile %s: %v", c.memProfile, err)}
	}
	if err := writeAtomic(c.memProfile, buf.Bytes()); err != nil {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("--memprofile %s", oneLine(err))}
	}
	return nil
}

// maxNameBytes bounds the name of a report file written for an athlete:
// well below the 255 bytes most file systems allow, leaving room for the
// extension, a "-2" and the temporary name used while writing.
const maxNameBytes = 96

// shortName cuts a file name base longer than maxNameBytes at a rune
// boundary and appends a short hash of the whole, so that two long names
// sharing their start still get different files.
func shortName(base string) string {
	if len(base) <= maxNameBytes {
		return base
	}
	sum := sha256.Sum256([]byte(base))
	tag := "-" + hex.EncodeToString(sum[:4])
	cut := maxNameBytes - len(tag)
	for cut > 0 && !utf8.RuneStart(base[cut]) {
		cut--
	}
	return base[:cut] + tag
}

// maxEpoch is 9999-12-31T23:59:59Z, the last second a report's
// generated_at (RFC 3339, four-digit years) can hold.
const maxEpoch = 253402300799

// sourceDateEpoch reads SOURCE_DATE_EPOCH: whole seconds since 1970 up
// to the year 9999, as reproducible-builds.org defines it.
func sourceDateEpoch(v string) (time.Time, error) {
	s, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, usageErrorf("SOURCE_DATE_EPOCH %s: not a whole number of seconds since 1970-01-01", v)
	}
	if s < 0 || s > maxEpoch {
		return time.Time{}, usageErrorf("SOURCE_DATE_EPOCH %s: out of range (0 to %d, the end of the year 9999)", v, int64(maxEpoch))
	}
	return time.Unix(s, 0).UTC(), nil
}

// warnSkipped names on stderr an entry of an input folder that was passed
// over without being a file of another type: a named pipe, a socket, a
// broken link.
func (c *cli) warnSkipped(path, reason string) {
	fmt.Fprintf(c.stderr, "itbcheck: skipped %s: %s\n", safetext.Escape(path), safetext.Escape(reason))
}

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/safetext"
)

// logFlags are the flags of `itbcheck log`.
type logFlags struct {
	entry   ingest.SymptomInput
	team    string
	athlete string
	list    bool
}

// logCommand is `itbcheck log [PATH]`: the runner's symptom log, one
// checked entry at a time.
func (c *cli) logCommand() *cobra.Command {
	var f logFlags
	cmd := &cobra.Command{
		Use:   "log [flags] [PATH]",
		Short: "Add one entry to an athlete's symptom log (symptoms.csv), or --list it",
		Long: "log appends one checked entry to the symptom log of the athlete whose folder is PATH\n" +
			"(default .), or of the roster athlete --athlete NAME of the team --team ROOT. The log is\n" +
			"symptoms.csv in that folder (or the roster's athletes[].symptoms), created with its header\n" +
			"when missing and replaced atomically. A bad value is refused in one line and the log is\n" +
			"left untouched. A red flag (numbness, tingling, night pain, pain at rest) shows at the top\n" +
			"of the next report: see a professional about it.",
		Example: "  itbcheck log --pain 4 --site outer-knee --side left --note \"after the long run\"\n" +
			"  itbcheck log team/bob --pain 5 --site low-back --side both --flags \"night pain\"\n" +
			"  itbcheck log --team team --athlete carol --date 2026-06-01 --pain 2 --site outer-hip\n" +
			"  itbcheck log team/bob --list",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := c.symptomLogPath(cmd, &f, args)
			if err != nil {
				return err
			}
			if f.list {
				return c.listSymptoms(path)
			}
			return c.appendSymptom(cmd, path, f.entry)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.entry.Date, "date", "", "the day `YYYY-MM-DD` (default today)")
	fl.StringVar(&f.entry.Pain, "pain", "", "pain from 0 (none) to 10 (worst)")
	fl.StringVar(&f.entry.Site, "site", "", "where it hurts: outer-knee, outer-hip, low-back or other")
	fl.StringVar(&f.entry.Side, "side", "", "left, right or both")
	fl.StringVar(&f.entry.Flags, "flags", "", "red-flag words, comma-separated: numbness, tingling, night pain, pain at rest")
	fl.StringVar(&f.entry.Note, "note", "", "a short note (one line)")
	fl.StringVar(&f.team, "team", "", "the team folder `ROOT` (with --athlete)")
	fl.StringVar(&f.athlete, "athlete", "", "the athlete `NAME`: a sub-folder of --team, or a roster entry of the config")
	fl.BoolVar(&f.list, "list", false, "print the log, each entry with its red flags")
	completeValues(cmd, "site", symptomSiteNames())
	completeValues(cmd, "side", []string{string(ingest.SideLeft), string(ingest.SideRight), string(ingest.SideBoth)})
	return cmd
}

// symptomSiteNames are the sites of the log, for completion.
func symptomSiteNames() []string {
	var out []string
	for _, s := range ingest.SymptomSites {
		out = append(out, string(s))
	}
	return out
}

// symptomLogPath finds the log to write or list: the roster entry's
// athletes[].symptoms, else symptoms.csv in the athlete's folder. A folder
// whose log is YAML is refused: log writes CSV.
func (c *cli) symptomLogPath(cmd *cobra.Command, f *logFlags, args []string) (string, error) {
	if f.athlete != "" && len(args) > 0 {
		return "", usageErrorf("give the athlete's folder PATH, or --athlete NAME (with --team), not both")
	}
	if f.athlete == "" && f.team != "" {
		return "", usageErrorf("--team %s: name the athlete with --athlete NAME", f.team)
	}
	dir := "."
	if len(args) > 0 {
		dir = args[0]
	}
	if f.athlete != "" {
		cfg, err := c.loadConfig(cmd.Flags(), false)
		if err != nil {
			return "", err
		}
		if e := cfg.Athlete(f.athlete); e != nil {
			if e.Symptoms != "" {
				return e.Symptoms, nil
			}
			if len(e.Paths) == 0 || !isDir(e.Paths[0]) {
				return "", usageErrorf("athlete %s: the roster entry has no folder; set athletes[].symptoms in the config", f.athlete)
			}
			dir = e.Paths[0]
		} else {
			root := f.team
			if root == "" {
				root = "."
			}
			dir = filepath.Join(root, f.athlete)
			if f.athlete != filepath.Base(filepath.Clean(f.athlete)) || strings.HasPrefix(f.athlete, ".") {
				return "", usageErrorf("--athlete %s: want the name of a sub-folder of %s or a roster entry", f.athlete, root)
			}
		}
	}
	if !isDir(dir) {
		return "", usageErrorf("%s: not an athlete's folder (want the folder that holds their runs)", dir)
	}
	csvPath := filepath.Join(dir, "symptoms.csv")
	if _, err := os.Lstat(csvPath); err == nil {
		return csvPath, nil
	}
	for _, name := range []string{"symptoms.yaml", "symptoms.yml"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			if f.list {
				return filepath.Join(dir, name), nil
			}
			return "", usageErrorf("%s: this athlete's log is YAML; log writes symptoms.csv, so add the entry to %s by hand", dir, name)
		}
	}
	return csvPath, nil
}

// isDir reports whether path is a folder (following links).
func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// appendSymptom checks the entry and writes the log with it appended,
// atomically; nothing is written when a value is refused.
func (c *cli) appendSymptom(cmd *cobra.Command, path string, in ingest.SymptomInput) error {
	if !cmd.Flags().Changed("pain") || !cmd.Flags().Changed("site") {
		return usageErrorf("give at least --pain 0-10 and --site outer-knee|outer-hip|low-back|other")
	}
	if in.Date == "" {
		n, err := now()
		if err != nil {
			return err
		}
		in.Date = n.In(time.Local).Format(time.DateOnly)
	}
	e, err := ingest.CheckSymptom(in)
	if err != nil {
		return usageErrorf("%s", strings.TrimPrefix(err.Error(), ingest.ErrBadSymptom.Error()+": "))
	}
	old, err := readSmall(path)
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	if err := writeAtomic(path, ingest.AppendSymptomCSV(old, e)); err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	msg := fmt.Sprintf("logged %s %s pain %s/10 in %s", e.Date.Format(time.DateOnly), e.Site, in.Pain, path)
	if reds := symptomRedFlags(e); len(reds) > 0 {
		msg += "; red flag: " + strings.Join(reds, ", ") + " (see a physiotherapist or physician promptly)"
	}
	fmt.Fprintln(c.stdout, safetext.Escape(msg))
	return nil
}

// maxSymptomLogBytes bounds the log that log rewrites (the reader's own
// bound is the same).
const maxSymptomLogBytes = 4 << 20

// readSmall reads an existing log (nil when there is none yet), refusing
// what is not a regular file or is larger than a log can be.
func readSmall(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file; the log is left as it is", path)
	}
	if st.Size() > maxSymptomLogBytes {
		return nil, fmt.Errorf("%s: over %d MB, larger than a symptom log can be; the log is left as it is", path, maxSymptomLogBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	return data, nil
}

// symptomRedFlags names an entry's red flags in words: its flags, and pain
// at or above rules.RedFlagPain.
func symptomRedFlags(e ingest.Symptom) []string {
	var out []string
	for _, f := range e.Flags {
		out = append(out, rules.FlagWords(f))
	}
	if e.Pain >= rules.RedFlagPain {
		out = append(out, fmt.Sprintf("pain %g/10", e.Pain))
	}
	return out
}

// listSymptoms prints the log, one entry a line with its red flags; the
// log's problems go to stderr.
func (c *cli) listSymptoms(path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(c.stdout, "%s: no symptom log yet (itbcheck log --pain N --site SITE adds the first entry)\n", safetext.Escape(path))
		return nil
	}
	entries, probs := ingest.OpenSymptomLog(path)
	for _, p := range probs {
		c.warnf("%s: %v", p.Path, p.Err)
	}
	fmt.Fprintf(c.stdout, "%s: %d %s\n", safetext.Escape(path), len(entries), plural(len(entries), "entry", "entries"))
	for _, e := range entries {
		side := string(e.Side)
		if side == "" {
			side = "-"
		}
		line := fmt.Sprintf("%s  %-10s  %-5s  pain %4s/10", e.Date.Format(time.DateOnly), e.Site, side, fmt.Sprintf("%g", e.Pain))
		if reds := symptomRedFlags(e); len(reds) > 0 {
			line += "  RED FLAG: " + strings.Join(reds, ", ")
		}
		if e.Note != "" {
			line += "  " + e.Note
		}
		fmt.Fprintln(c.stdout, safetext.Escape(line))
	}
	return nil
}

// plural picks the singular or plural word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

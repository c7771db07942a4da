package main

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/itbcheck/itbcheck/internal/expect"
	"github.com/itbcheck/itbcheck/internal/pipeline"
	"github.com/itbcheck/itbcheck/internal/safetext"
	"github.com/itbcheck/itbcheck/report"
	"github.com/itbcheck/itbcheck/rules"
)

// checkFormats are the formats of check.
var checkFormats = append(append([]string{}, reportFormats...), "junit", "github")

// checkCommand is `itbcheck check PATH...` and `itbcheck check --team ROOT`.
func (c *cli) checkCommand() *cobra.Command {
	var f analysisFlags
	cmd := &cobra.Command{
		Use:   "check [flags] PATH...",
		Short: "CI gate: analyse, then exit 1 when a finding reaches --fail-on",
		Long: "check analyses like analyze (or, with --team, like batch) and exits 1 when a\n" +
			"finding reaches --fail-on (default high), 3 when an input could not be read,\n" +
			"else 0. With --expect FILE the report is compared with expected findings instead.",
		RunE: func(cmd *cobra.Command, args []string) error {
			j, err := c.prepare(cmd, &f, checkFormats)
			if err != nil {
				return err
			}
			var exp *expect.Expectations
			if f.expect != "" {
				if exp, err = expect.Read(f.expect); err != nil {
					return err
				}
			}
			if f.team {
				if len(args) > 1 {
					return usageErrorf("check --team takes one ROOT, got %d paths", len(args))
				}
				j.athletes, err = c.teamAthletes(j, args)
			} else {
				if len(args) == 0 {
					return usageErrorf("check needs at least one PATH (or --team ROOT)")
				}
				if err := requireExisting(args); err != nil {
					return err
				}
				name := f.athlete
				if name == "" {
					name = athleteNameFromPaths(args)
				}
				j.athletes = []pipeline.Athlete{j.athleteFor(name, args)}
			}
			if err != nil {
				return err
			}
			r, err := c.analyse(j)
			if err != nil {
				return err
			}
			if j.format == "github" {
				err = c.writeAnnotations(j, r)
			} else {
				err = c.writeReport(j, r)
			}
			if err != nil {
				return err
			}
			c.code = c.checkExit(j, r, exp, cmd.Flags().Changed("fail-on"))
			return nil
		},
	}
	addAnalysisFlags(cmd.Flags(), &f, checkFormats)
	fs := cmd.Flags()
	fs.StringVar(&f.athlete, "athlete", "", "athlete `NAME` (default: the folder's name)")
	fs.StringVar(&f.failOn, "fail-on", "", "lowest severity that fails: low, medium, high (default high)")
	fs.BoolVar(&f.team, "team", false, "PATH is a team ROOT: each sub-folder is an athlete (as batch)")
	fs.StringVar(&f.expect, "expect", "", "compare with the expected findings in the YAML `FILE`")
	return cmd
}

// checkExit decides check's exit code. With expectations, a mismatch is 1
// and --fail-on applies only when given explicitly.
func (c *cli) checkExit(j *job, r *report.Report, exp *expect.Expectations, failOnGiven bool) int {
	if exp != nil {
		diff := exp.Compare(r)
		if len(diff) > 0 {
			fmt.Fprintln(c.stderr, "itbcheck: expectations not met (- expected, + got):")
			for _, l := range diff {
				fmt.Fprintln(c.stderr, l)
			}
			return exitFindings
		}
		fmt.Fprintf(c.stderr, "itbcheck: expectations met (%d athletes)\n", len(exp.Athletes))
		if !failOnGiven {
			return exitForInputs(r)
		}
	}
	if worst(r) >= j.failOn {
		return exitFindings
	}
	return exitForInputs(r)
}

// worst is the highest severity of any finding in r.
func worst(r *report.Report) rules.Severity {
	w := rules.None
	for _, a := range r.Athletes {
		w = max(w, a.Highest())
	}
	return w
}

// writeAnnotations writes GitHub Actions workflow commands: an error for
// each finding at or above --fail-on, a warning for the others, and an
// error for each unreadable input.
func (c *cli) writeAnnotations(j *job, r *report.Report) error {
	var buf bytes.Buffer
	for i, a := range r.Athletes {
		for _, f := range a.Findings {
			level := "warning"
			if f.Severity >= j.failOn {
				level = "error"
			}
			file := safetext.Escape(f.Activity) // names from files: no ESC or bidi override in the log
			if file == "" && i < len(j.athletes) && len(j.athletes[i].Paths) > 0 {
				file = j.athletes[i].Paths[0]
			}
			props := "title=" + escapeProperty(f.Rule)
			if file != "" {
				props = "file=" + escapeProperty(file) + "," + props
			}
			msg := fmt.Sprintf("%s: %s risk pattern on %s: %s", safetext.Escape(a.Name), f.Severity, f.Date, safetext.Escape(f.Summary))
			fmt.Fprintf(&buf, "::%s %s::%s\n", level, props, escapeData(msg))
		}
		for _, in := range a.InputsFailed {
			fmt.Fprintf(&buf, "::error file=%s::%s\n", escapeProperty(safetext.Escape(in.Path)), escapeData("cannot read: "+safetext.Escape(in.Error)))
		}
	}
	if err := c.ctx.Err(); err != nil {
		return err
	}
	if j.flags.output != "" {
		if err := writeAtomic(j.flags.output, buf.Bytes()); err != nil {
			return &exitError{code: exitUsage, msg: oneLine(err)}
		}
		c.notef("wrote %s (github annotations)", j.flags.output)
		return nil
	}
	_, err := c.stdout.Write(buf.Bytes())
	return err
}

// escapeData escapes a workflow command's message: % CR LF.
func escapeData(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '%':
			b.WriteString("%25")
		case '\r':
			b.WriteString("%0D")
		case '\n':
			b.WriteString("%0A")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeProperty escapes a workflow command's property value: as data, plus
// ':' and ','.
func escapeProperty(s string) string {
	var b bytes.Buffer
	for _, r := range escapeData(s) {
		switch r {
		case ':':
			b.WriteString("%3A")
		case ',':
			b.WriteString("%2C")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

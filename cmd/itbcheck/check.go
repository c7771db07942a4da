package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/itbcheck/itbcheck/internal/expect"
	"github.com/itbcheck/itbcheck/report"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/safetext"
	"github.com/itbcheck/itbcheck/screen"
)

// checkFormats are the formats of check: analyze's, junit and github.
var checkFormats = report.FormatNames("check")

// checkCommand is `itbcheck check PATH...` and `itbcheck check --team ROOT`.
func (c *cli) checkCommand() *cobra.Command {
	var f analysisFlags
	cmd := &cobra.Command{
		Use: "check [flags] PATH...",
		Example: "  itbcheck check --team exports/ --format github          # GitHub annotations and step summary\n" +
			"  itbcheck check --team exports/ --fail-on medium -o itbcheck.xml  # JUnit from the extension\n" +
			"  itbcheck check -q --team testdata/sample --expect testdata/sample/expect.yaml",
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
				c.loadAcks(j, teamRoot(args))
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
				j.athletes = []screen.AthleteInput{j.athleteFor(name, args)}
			}
			if err != nil {
				return err
			}
			sink, err := c.newSink(j)
			if err != nil {
				return err
			}
			r, err := c.analyse(j, sink)
			if err != nil {
				return err
			}
			if j.format == "github" {
				if err := c.writeStepSummary(j, r); err != nil {
					return err
				}
			}
			c.code = c.checkExit(j, r, exp, cmd.Flags().Changed("fail-on"))
			fmt.Fprintf(c.stderr, "itbcheck: %s\n", safetext.Escape(report.Verdict(r, j.failOn)))
			return nil
		},
	}
	addAnalysisFlags(cmd.Flags(), &f, checkFormats)
	completeValues(cmd, "format", checkFormats)
	fs := cmd.Flags()
	fs.StringVar(&f.athlete, "athlete", "", "athlete `NAME` (default: the folder's name)")
	fs.StringVar(&f.failOn, "fail-on", "", "lowest severity that fails: low, medium, high (default high)")
	completeValues(cmd, "fail-on", []string{"low", "medium", "high"})
	fs.BoolVar(&f.team, "team", false, "PATH is a team ROOT: each sub-folder is an athlete (as batch)")
	addShardFlag(cmd, &f)
	fs.StringVar(&f.expect, "expect", "", "compare with the expected findings in the YAML `FILE`")
	return cmd
}

// checkExit decides check's exit code. With expectations, a mismatch is 1
// and --fail-on applies only when given explicitly.
func (c *cli) checkExit(j *job, r *screen.Report, exp *expect.Expectations, failOnGiven bool) int {
	if exp != nil {
		diff := exp.Compare(r)
		if len(diff) > 0 {
			fmt.Fprintln(c.stderr, "itbcheck: expectations not met (- expected, + got):")
			for _, l := range diff {
				fmt.Fprintln(c.stderr, safetext.Escape(l)) // athlete names and paths from folders
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
func worst(r *screen.Report) rules.Severity {
	w := rules.None
	for _, a := range r.Athletes {
		w = max(w, a.Highest())
	}
	return w
}

// writeStepSummary appends the Markdown summary to $GITHUB_STEP_SUMMARY
// when the runner sets it (GitHub Actions shows it on the run's page).
func (c *cli) writeStepSummary(j *job, r *screen.Report) error {
	path := os.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return nil
	}
	var buf bytes.Buffer
	if err := report.GitHubSummary(&buf, r, c.renderOptions(j, false)); err != nil {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("step summary: %s", oneLine(err))}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("GITHUB_STEP_SUMMARY %s: %v", path, unwrapPath(err))}
	}
	if _, err := buf.WriteTo(f); err != nil {
		f.Close()
		return &exitError{code: exitUsage, msg: fmt.Sprintf("GITHUB_STEP_SUMMARY %s: %v", path, unwrapPath(err))}
	}
	return f.Close()
}

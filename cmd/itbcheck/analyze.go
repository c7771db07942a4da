package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/internal/config"
	"github.com/itbcheck/itbcheck/report"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/safetext"
	"github.com/itbcheck/itbcheck/screen"
)

// analysisFlags are the flags of analyze, batch and check.
type analysisFlags struct {
	format  string
	output  string
	athlete string
	since   string
	until   string
	jobs    int
	quiet   bool // -q: no report on stdout unless asked for, no notes, no progress
	// noProgress hides the progress bar only.
	noProgress bool
	weekly     bool
	verbose    bool // text: every episode in full
	// symptoms is one athlete's symptom log (analyze, check without --team).
	symptoms string
	// shard is --shard K/N (batch, check --team).
	shard string
	// compare is --compare FILE: the earlier JSON report to compare with;
	// noCompare is --no-compare.
	compare   string
	noCompare bool
	// check only
	failOn string
	team   bool
	expect string
}

// reportFormats are the formats of analyze and batch, from report's one
// format table.
var reportFormats = report.FormatNames("analyze")

// addAnalysisFlags declares the flags common to the analysing commands.
func addAnalysisFlags(fs *pflag.FlagSet, f *analysisFlags, formats []string) {
	fs.StringVar(&f.format, "format", "", "output format: "+strings.Join(formats, ", ")+" (default text, or from the -o extension)")
	fs.StringVarP(&f.output, "output", "o", "", "write the report to `PATH` instead of stdout")
	fs.StringVar(&f.since, "since", "", "first day of the reporting window (`YYYY-MM-DD`); the history before it still feeds baselines")
	fs.StringVar(&f.until, "until", "", "last day of the reporting window (`YYYY-MM-DD`); later runs are left out")
	fs.IntVar(&f.jobs, "jobs", 0, "parallel decoders `N` (default: one per CPU not already busy)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "quiet: no report on stdout unless -o - or --format asks for one; no notes or progress on stderr (warnings, errors and check's verdict stay)")
	fs.BoolVar(&f.noProgress, "no-progress", false, "no progress bar on stderr (it is drawn only when stderr is a terminal)")
	fs.BoolVar(&f.weekly, "weekly", false, "csv: one row per athlete-week instead of per athlete")
	_ = cobra.MarkFlagFilename(fs, "output", outputExts()...)
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "text: every episode in full, with why each pattern matters (default: the brief view)")
	fs.StringVar(&f.compare, "compare", "", "say what changed since the earlier JSON report `FILE` (default with -o: the report -o replaces)")
	fs.BoolVar(&f.noCompare, "no-compare", false, "no comparison with an earlier report")
	fs.StringVar(&f.symptoms, "symptoms", "", "the runner's symptom log `FILE` (CSV or YAML; default: symptoms.csv or symptoms.yaml in the athlete's folder)")
}

// outputExts are the extensions -o completes: the formats' first, without
// the dot.
func outputExts() []string {
	var out []string
	for _, e := range report.ReportExts {
		out = append(out, strings.TrimPrefix(e, "."))
	}
	return out
}

// analyzeCommand is `itbcheck analyze PATH...`.
func (c *cli) analyzeCommand() *cobra.Command {
	var f analysisFlags
	cmd := &cobra.Command{
		Use: "analyze [flags] PATH...",
		Example: "  itbcheck analyze ~/garmin/                                  # a text report on the terminal\n" +
			"  itbcheck analyze strava_export_123.zip --athlete me -o me.html  # one self-contained HTML page\n" +
			"  itbcheck analyze --since 2026-05-01 --format markdown ~/garmin/  # the window from May, baselines from before",
		Short: "Screen one athlete's files, folders or bulk-export zips",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			job, err := c.prepare(cmd, &f, reportFormats)
			if err != nil {
				return err
			}
			if err := requireExisting(args); err != nil {
				return err
			}
			name := f.athlete
			if name == "" {
				name = athleteNameFromPaths(args)
			}
			job.athletes = []screen.AthleteInput{job.athleteFor(name, args)}
			sink, err := c.newSink(job)
			if err != nil {
				return err
			}
			r, err := c.analyse(job, sink)
			if err != nil {
				return err
			}
			c.code = exitForInputs(r)
			c.quietVerdict(job, r)
			return nil
		},
	}
	addAnalysisFlags(cmd.Flags(), &f, reportFormats)
	completeValues(cmd, "format", reportFormats)
	cmd.Flags().StringVar(&f.athlete, "athlete", "", "athlete `NAME` (default: the folder's name)")
	return cmd
}

// athleteNameFromPaths names an athlete after the single folder given, else
// after the folder holding the first file; "athlete" when that folder is
// the file system's root.
func athleteNameFromPaths(paths []string) string {
	p := paths[0]
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if st, err := os.Stat(p); err != nil || !st.IsDir() || len(paths) > 1 {
		p = filepath.Dir(p)
	}
	if name := filepath.Base(p); name != string(filepath.Separator) && name != "." {
		return name
	}
	return "athlete"
}

// job is a prepared analysis: flags checked, config resolved.
type job struct {
	command string // analyze, batch or check
	team    bool   // batch, or check --team
	flags   *analysisFlags
	out     report.Output // what -o and --format ask for
	// stdoutAsked is set when -o - or --format asks for the report on
	// stdout, which -q then does not hide.
	stdoutAsked bool
	cfg         *config.Config
	format      string
	since       time.Time
	until       time.Time
	now         time.Time
	failOn      rules.Severity
	athletes    []screen.AthleteInput
	shard       shard // --shard K/N; zero: the whole team
	// earlier is the report compared with (nil: none); acks are the
	// team's acknowledgements.
	earlier *screen.Earlier
	acks    []screen.Ack
}

// athleteFor makes a pipeline athlete with the settings of the roster entry
// of that name, when the config has one.
func (j *job) athleteFor(name string, paths []string) screen.AthleteInput {
	e := j.cfg.Athlete(name)
	a := screen.AthleteInput{Name: name, Paths: paths, Params: j.cfg.Params(e), Rules: j.cfg.RulesFor(e)}
	if e != nil {
		a.Symptoms = e.Symptoms
	}
	if j.flags != nil && j.flags.symptoms != "" {
		a.Symptoms = j.flags.symptoms
	}
	return a
}

// prepare checks the flags and resolves the config: everything that can be
// a usage error happens here, before anything is read.
func (c *cli) prepare(cmd *cobra.Command, f *analysisFlags, formats []string) (*job, error) {
	j := &job{flags: f, command: cmd.Name(), team: cmd.Name() == "batch" || f.team}
	c.quiet = f.quiet
	// With -q, a report still goes to stdout when asked for by name.
	j.stdoutAsked = f.output == "-" || f.format != ""
	if f.output != "" && f.output != "-" && cmd.Name() != "batch" && !report.WritesFolder(f.format) {
		// Refused first, before anything is read: the report is one file
		// (--format parquet writes a folder of tables).
		if st, err := os.Stat(f.output); err == nil && st.IsDir() {
			return nil, usageErrorf("-o %s: is a folder; %s writes one report file: name one, such as %s", f.output, cmd.Name(),
				filepath.Join(f.output, "report.json"))
		}
	}
	var err error
	if j.out, err = chooseOutput(f.format, f.output, formats, cmd.Name() == "batch"); err != nil {
		return nil, err
	}
	j.format = j.out.Format
	if f.output == "-" {
		f.output = "" // stdout, asked for by name
	}

	if j.since, err = parseDay("--since", f.since); err != nil {
		return nil, err
	}
	if j.until, err = parseDay("--until", f.until); err != nil {
		return nil, err
	}
	if f.compare != "" && f.noCompare {
		return nil, usageErrorf("--compare %s and --no-compare contradict each other", f.compare)
	}
	if !j.since.IsZero() && !j.until.IsZero() && j.until.Before(j.since) {
		return nil, usageErrorf("--until %s is before --since %s", f.until, f.since)
	}
	if j.shard, err = parseShard(f.shard); err != nil {
		return nil, err
	}
	if j.shard.n > 0 && !j.team {
		return nil, usageErrorf("--shard %s splits a team: use it with check --team ROOT", f.shard)
	}
	if f.jobs < 0 {
		return nil, usageErrorf("--jobs %d: want a number ≥ 1 (or 0: one per CPU)", f.jobs)
	}
	j.failOn = rules.High
	if f.failOn != "" {
		// Only the severities that can fail a check are named: info notes
		// never do.
		if j.failOn, err = rules.ParseSeverity(f.failOn); err != nil {
			return nil, usageErrorf("--fail-on %s: want low, medium or high", f.failOn)
		}
		if j.failOn < rules.Low {
			return nil, usageErrorf("--fail-on %s: want low, medium or high (info notes never fail a check)", f.failOn)
		}
	}
	if j.now, err = now(); err != nil {
		return nil, err
	}
	if j.cfg, err = c.loadConfig(cmd.Flags(), cmd.Name() == "check"); err != nil {
		return nil, err
	}
	return j, nil
}

// chooseOutput applies the contract's -o rule (report.ResolveOutput); a
// mistake is a usage error.
func chooseOutput(format, output string, allowed []string, batch bool) (report.Output, error) {
	out, err := report.ResolveOutput(format, output, allowed, batch)
	if err != nil {
		return out, usageErrorf("%v", err)
	}
	return out, nil
}

// chooseFormat is chooseOutput's format, for commands that write one file.
func chooseFormat(format, output string, allowed []string) (string, error) {
	out, err := chooseOutput(format, output, allowed, false)
	return out.Format, err
}

// lastWindowYear is the last year --since and --until may name: a window
// bound past it is a typo (9999-12-31), never a season.
const lastWindowYear = 2099

// parseDay reads a YYYY-MM-DD flag; "" is the zero time. A date before
// analysis.EarliestPlausible or after lastWindowYear is refused: the zero
// year once read as "no limit".
func parseDay(flag, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, usageErrorf("%s %s: not a date (want YYYY-MM-DD)", flag, v)
	}
	if d.Before(analysis.EarliestPlausible) || d.Year() > lastWindowYear {
		return time.Time{}, usageErrorf("%s %s: outside %s to %d-12-31, the dates a run can have", flag, v,
			analysis.EarliestPlausible.Format(time.DateOnly), lastWindowYear)
	}
	return d, nil
}

// now is the report's generated_at: ITBCHECK_NOW (RFC 3339), else
// SOURCE_DATE_EPOCH (Unix seconds), else the clock, in UTC to the second.
func now() (time.Time, error) {
	if v := os.Getenv("ITBCHECK_NOW"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return time.Time{}, usageErrorf("ITBCHECK_NOW %s: not an RFC 3339 time such as 2026-06-22T10:00:00Z", v)
		}
		return t.UTC(), nil
	}
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		return sourceDateEpoch(v)
	}
	return time.Now().UTC().Truncate(time.Second), nil
}

// analyse runs the pipeline over the job's athletes, with progress on a
// terminal, and gives each athlete to sink as soon as it is done. The
// report it returns holds the athletes' summaries (screen.Summary), for
// the exit code and the notes: the seasons went to sink.
func (c *cli) analyse(j *job, sink athleteSink) (*screen.Report, error) {
	jobs := j.flags.jobs
	if jobs == 0 {
		jobs = j.cfg.Jobs
	}
	if jobs == 0 {
		jobs = autoJobs()
	}
	if err := c.refuseInputAsOutput(j); err != nil {
		return nil, err
	}
	c.loadEarlier(j)
	team := make([]*screen.Athlete, len(j.athletes))
	opt := screen.Options{Jobs: jobs, Since: j.since, Until: j.until, Now: j.now, Ingest: j.cfg.IngestOptions(), Skipped: c.warnSkipped,
		Done: func(i int, a *screen.Athlete) error {
			screen.ApplyAcks(j.acks, a)
			screen.Compare(j.earlier, a, j.now)
			c.warnTeam(j, a) // reads the runs, which the summary drops
			team[i] = screen.Summary(a)
			return sink.add(i, a)
		}}
	var p *progress
	if c.showsProgress(j) {
		p = newProgress(c.stderr, terminalWidth(c.stderr))
		opt.Progress = p.update
	}
	_, err := screen.Run(c.ctx, j.athletes, opt)
	if p != nil {
		p.clear()
	}
	if err != nil {
		sink.abort()
		return nil, err
	}
	// Each unreadable input also gets its one line on stderr, so that a
	// report written with -o does not hide why the exit code is 3.
	for _, a := range team {
		for _, in := range a.InputsFailed {
			fmt.Fprintln(c.stderr, unreadableLine(a.Name, in))
		}
	}
	c.noteDuplicates(j, team)
	if err := sink.close(); err != nil {
		return nil, err
	}
	if err := c.ctx.Err(); err != nil {
		return nil, err
	}
	return &screen.Report{Tool: screen.Tool{Name: "itbcheck", Version: version}, GeneratedAt: j.now, Athletes: team,
		ConfigFile: j.cfg.File, RuleConfig: &j.cfg.Rules}, nil
}

// showsProgress reports whether job j draws a progress bar: stderr is a
// terminal and neither -q nor --no-progress was given.
func (c *cli) showsProgress(j *job) bool {
	return !j.flags.quiet && !j.flags.noProgress && isTerminal(c.stderr)
}

// warnTeam warns when the one folder given to analyze or check holds
// sub-folders that look like separate athletes, with the command to use.
func (c *cli) warnTeam(j *job, a *screen.Athlete) {
	if j.team || len(j.athletes) != 1 || len(j.athletes[0].Paths) != 1 || a.Season == nil {
		return
	}
	root := j.athletes[0].Paths[0]
	names := screen.TeamFolders(root, a.Season.Runs)
	if names == nil {
		return
	}
	use := "itbcheck batch " + root
	if j.command == "check" {
		use = "itbcheck check --team " + root
	}
	c.warnf("%s: its folders %s each hold a season of runs over the same weeks, and were analysed as ONE athlete %q; if they are different athletes, use: %s",
		root, joinAnd(names), a.Name, use)
}

// noteDuplicates says how many copies of the same run were merged, on one
// line for the whole run.
func (c *cli) noteDuplicates(j *job, athletes []*screen.Athlete) {
	total := 0
	var who []string
	for _, a := range athletes {
		if a.Season != nil && a.Season.Duplicates > 0 {
			total += a.Season.Duplicates
			who = append(who, fmt.Sprintf("%s %d", a.Name, a.Season.Duplicates))
		}
	}
	if total == 0 || c.quiet {
		return
	}
	copies := "copies"
	if total == 1 {
		copies = "copy"
	}
	msg := fmt.Sprintf("itbcheck: merged %d duplicate %s of runs (the same start and time span in two files; each run counts once)", total, copies)
	if len(athletes) > 1 {
		msg += ": " + strings.Join(who, ", ")
	}
	fmt.Fprintln(c.stderr, safetext.Escape(msg))
}

// notef prints a note (what was written, what was merged) on stderr,
// unless -q.
func (c *cli) notef(format string, args ...any) {
	if !c.quiet {
		fmt.Fprintf(c.stderr, "itbcheck: %s\n", safetext.Escape(fmt.Sprintf(format, args...)))
	}
}

// warnf prints a warning on one line of stderr, with names from files
// made safe to print.
func (c *cli) warnf(format string, args ...any) {
	fmt.Fprintf(c.stderr, "itbcheck: warning: %s\n", safetext.Escape(fmt.Sprintf(format, args...)))
}

// joinAnd lists names as "a, b and c".
func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// quietVerdict prints, with -q, the one-line verdict analyze and batch
// still give on stderr (as check always does); the exit code stays the
// command's own (0, or 3 for unreadable inputs).
func (c *cli) quietVerdict(j *job, r *screen.Report) {
	if j.flags.quiet {
		fmt.Fprintf(c.stderr, "itbcheck: %s\n", safetext.Escape(report.Verdict(r, j.failOn)))
	}
}

// requireExisting refuses a PATH that does not exist: a typo, not an
// athlete without data.
func requireExisting(paths []string) error {
	for _, p := range paths {
		if p == "-" {
			return usageErrorf("-: standard input is not read (pipes are not read): give the file's path")
		}
		if _, err := os.Stat(p); err != nil {
			if os.IsNotExist(err) {
				return usageErrorf("%s: no such file or folder", p)
			}
			return usageErrorf("%s: %v", p, unwrapPath(err))
		}
	}
	return nil
}

// refuseInputAsOutput stops a run whose -o would overwrite one of its
// input files.
// The step summary of check ($GITHUB_STEP_SUMMARY, appended to) is
// refused the same way: a workflow that points it at an input would
// otherwise change the user's file.
func (c *cli) refuseInputAsOutput(j *job) error {
	var paths []string
	for _, a := range j.athletes {
		paths = append(paths, a.Paths...)
		if a.Symptoms != "" {
			paths = append(paths, a.Symptoms)
		}
	}
	if j.flags.output != "" {
		if victim, what := inputClash(j.flags.output, paths); victim != "" {
			return usageErrorf("-o %s: %s %s", j.flags.output, what, victim)
		}
	}
	if summary := os.Getenv("GITHUB_STEP_SUMMARY"); summary != "" && j.command == "check" {
		if victim, what := inputClash(summary, paths); victim != "" {
			return usageErrorf("GITHUB_STEP_SUMMARY %s: %s %s; the step summary is appended to, never an input", summary, what, victim)
		}
		if st, err := os.Stat(summary); err == nil && st.IsDir() {
			return usageErrorf("GITHUB_STEP_SUMMARY %s: is a folder, not a file", summary)
		}
	}
	return nil
}

// existing keeps the paths that exist (Walk stops at a missing one; the
// pipeline reports those).
func existing(paths []string) []string {
	var out []string
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// exitForInputs is 3 when an input could not be read, else 0.
func exitForInputs(r *screen.Report) int {
	for _, a := range r.Athletes {
		if len(a.InputsFailed) > 0 {
			return exitInputs
		}
	}
	return exitOK
}

// renderOptions are the report options for this job writing to stdout
// (toStdout) or a file.
func (c *cli) renderOptions(j *job, toStdout bool) report.Options {
	return report.Options{
		Color:   toStdout && j.format == "text" && isTerminal(c.stdout) && os.Getenv("NO_COLOR") == "",
		FailOn:  j.failOn,
		Weekly:  j.flags.weekly,
		Verbose: j.flags.verbose,
		Width:   stdoutWidth(c.stdout, toStdout),
	}
}

// stdoutWidth is the terminal's width when the report goes to stdout and
// stdout is one; 0 (the report's fixed default) otherwise, so that files
// and pipes get the same report everywhere.
func stdoutWidth(w any, toStdout bool) int {
	if !toStdout {
		return 0
	}
	return terminalWidth(w)
}

// unreadableLine is the stderr line for an input of athlete name that could
// not be read. A folder with nothing readable names the athlete too, once
// when the folder is given by the athlete's own name (analyze empty).
func unreadableLine(name string, in screen.FailedInput) string {
	if !in.NothingReadable() {
		return "itbcheck: cannot read " + safetext.Escape(in.Path) + ": " + safetext.Escape(in.Reason())
	}
	if filepath.Clean(in.Path) == name {
		return "itbcheck: " + safetext.Escape(in.Path) + ": " + safetext.Escape(in.Reason())
	}
	return "itbcheck: " + safetext.Escape(name) + ": " + safetext.Escape(in.Path) + ": " + safetext.Escape(in.Reason())
}

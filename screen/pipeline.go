package screen

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/rules"
)

// AthleteInput is one athlete to analyse: the exports to read and the
// settings their season and findings depend on.
type AthleteInput struct {
	Name   string
	Paths  []string // files, folders (walked recursively) or .zip archives
	Params analysis.Params
	Rules  *rules.Config // nil for the rules' defaults
	// Symptoms is the runner's symptom log; "" takes symptoms.csv or
	// symptoms.yaml found among Paths (the shallowest, see symptomLog).
	Symptoms string
}

// Options tune a Run.
type Options struct {
	// Jobs is the number of files decoded at once; 0 or less means
	// runtime.NumCPU().
	Jobs int
	// Since and Until are the reporting window (dates, inclusive; a zero
	// value leaves that end open): the findings and the weekly table cover
	// it, while baselines and load history use every run before it. Runs
	// after Until are not read into the season at all, so a report
	// --until a date is the one that date would have given.
	Since, Until time.Time
	// Now is the report's time: runs dated after it (beyond
	// analysis.FutureSlack) are listed as implausible, never placed in
	// the season. Zero skips that test (the other date tests remain).
	Now time.Time
	// Ingest tunes the decoders (resource limits).
	Ingest ingest.Options
	// Progress, when not nil, is called after each file with the number of
	// files done, the number found so far (folders are walked one athlete
	// at a time as the decoders need files, so it grows until the last
	// athlete's are found), and the bytes of the files done. It is called
	// from one goroutine at a time.
	Progress func(done, total int, bytes int64)
	// Skipped, when not nil, is told of each entry of a folder passed over
	// that is not simply a file of another type (a named pipe, a socket, a
	// broken link), so that the CLI can name it. Called from Run's
	// goroutine as each athlete's folders are walked.
	Skipped func(path, reason string)
	// Done, when not nil, is given each athlete (with its index in the
	// athletes given) as soon as its analysis is done, from Run's
	// goroutine, in the order they finish; Run then keeps nothing of it
	// and returns no reports, so that a team's seasons are never held at
	// once. An error from Done stops the run and is Run's error.
	Done func(i int, a *Athlete) error
}

// readFile is ingest.Read; tests replace it to inject slow or failing
// decoders.
var readFile = ingest.Read

// job is one file to decode for the athlete at index athlete.
type job struct {
	athlete int
	index   int // among the athlete's files
	path    string
	size    int64
}

// result is what a worker made of one job.
type result struct {
	runs     []analysis.Run
	problems []ingest.Problem
	undated  int // activities read without a start time: problems, not runs
}

// Run analyses every athlete and returns their reports in the order given
// (none with Options.Done, which is given each as it is done). Inputs
// that cannot be read become FailedInput entries; they do not make
// Run fail. The error is not nil only when ctx is cancelled or Done
// failed, in which case the reports are nil.
func Run(ctx context.Context, athletes []AthleteInput, opt Options) ([]*Athlete, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var doneErr error // the first error of opt.Done; it stops the run
	out := make([]*Athlete, len(athletes))
	for i, a := range athletes {
		out[i] = &Athlete{Name: a.Name}
	}
	logs := make([]string, len(athletes))
	files := make([]int, len(athletes)) // athlete i's activity files, once walked
	// left[i] counts athlete i's files not yet read, once its folders are
	// walked. Each athlete's season is built as soon as the last of its
	// files is read, and its runs dropped, so that the runs of the whole
	// team are never held at once.
	left := make([]int, len(athletes))
	// pending[i] holds athlete i's results, made when the first comes in
	// and dropped when its season is built: memory for the athletes being
	// read, not for every file of the team.
	pending := make([][]result, len(athletes))
	finish := func(i int) {
		var runs []analysis.Run
		var acc Accounting
		results := pending[i]
		pending[i] = nil // one copy of the runs at a time
		for _, r := range results {
			runs = append(runs, r.runs...)
			acc.Undated += r.undated
			for _, p := range r.problems {
				out[i].InputsFailed = append(out[i].InputsFailed, FailedInput{Path: p.Path, Err: p.Err})
			}
		}
		a := athletes[i]
		if len(runs) == 0 && len(out[i].InputsFailed) == 0 && len(a.Paths) > 0 {
			out[i].InputsFailed = append(out[i].InputsFailed, nothingReadable(a.Paths, files[i], out[i].Skipped))
		}
		acc.Read = len(runs) + acc.Undated
		runs, misdated := analysis.SplitImplausibleDates(runs, opt.Now)
		acc.Misdated = len(misdated)
		out[i].InputsFailed = append(out[i].InputsFailed, misdatedInputs(misdated)...)
		kept := inPeriod(runs, time.Time{}, opt.Until, athletes[i].Params.Location) // the history before Since feeds the baselines
		acc.OutsideWindow = len(runs) - len(kept)
		// Seasons before the current one (or before the one holding
		// Since) are no load history (DOMAIN.md, Seasons): left out and
		// named.
		inSeasons := len(kept)
		kept, spans := analysis.SplitSeasons(kept, opt.Since, a.Params.Location)
		acc.EarlierSeasons = inSeasons - len(kept)
		season := analysis.NewSeason(a.Name, kept, a.Params)
		season.Seasons = spans
		// NewSeason merges copies of a run and drops runs dated before
		// 1990 (no week to place them in): the latter count as undated.
		acc.Undated += len(kept) - len(season.Runs) - season.Duplicates
		runs, kept = nil, nil // the season holds its own copy: the runs read can go
		out[i].Season = season
		out[i].RuleConfig = a.Rules
		readSymptoms(out[i], logs[i])
		res := rules.Screen(season, a.Rules)
		since := opt.Since
		if since.IsZero() && opt.Until.IsZero() {
			// The default window: the current season, at most its last
			// WindowWeeks weeks; the season's earlier weeks fed the
			// baselines and the load above.
			since = analysis.DefaultWindowStart(spans)
			out[i].Capped = !since.IsZero()
		}
		out[i].Findings, out[i].Rules = inWindow(res.Findings, since, opt.Until), res.Statuses
		// What the window would lose: pain logged before it, and the 30
		// days before each run session-spike judged.
		out[i].PreviousPain = rules.PreviousPains(out[i].Findings, analysis.SymptomEpisodes(season.Symptoms))
		out[i].SessionSpikes, _ = rules.SessionSpikes(season)
		out[i].Season = season.Window(since, opt.Until)
		acc.OutsideWindow += len(season.Runs) - len(out[i].Season.Runs)
		out[i].Accounting = acc
		out[i].From, out[i].To = period(out[i].Season, since, opt.Until)
		if opt.Done != nil && doneErr == nil {
			done := out[i]
			out[i] = nil // handed on: the season goes with it
			if doneErr = opt.Done(i, done); doneErr != nil {
				cancel()
			}
		}
	}
	walked := func(w walk) {
		i := w.athlete
		out[i].InputsFailed = append(out[i].InputsFailed, w.failed...)
		out[i].Skipped += w.skipped
		for _, sp := range w.special {
			if opt.Skipped != nil {
				opt.Skipped(sp.Path, sp.Reason)
			}
		}
		logs[i], files[i], left[i] = w.log, w.files, w.files
		if left[i] == 0 {
			finish(i)
		}
	}
	err := decodeAll(ctx, athletes, opt, walked, func(j job, r result) {
		i := j.athlete
		if pending[i] == nil {
			pending[i] = make([]result, files[i])
		}
		pending[i][j.index] = r
		if ctx.Err() == nil {
			if left[i]--; left[i] == 0 {
				finish(i)
			}
		}
	})
	if doneErr != nil {
		return nil, doneErr
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opt.Done != nil {
		return nil, nil
	}
	return out, nil
}

// walk is what the walk of one athlete's folders found: the number of
// activity files (handed to the workers as jobs right after), the
// symptom log, and what could not be read or was passed over.
type walk struct {
	athlete int
	files   int
	log     string
	failed  []FailedInput
	skipped int
	special []ingest.Skip // passed over, not simply a file of another type
}

// walkAthlete walks athlete i's paths and gives the walk and its jobs.
func walkAthlete(i int, a AthleteInput) (walk, []job) {
	w := walk{athlete: i}
	var jobs []job
	var found []string
	for _, p := range a.Paths {
		l := ingest.Scan([]string{p})
		for _, f := range l.Failed {
			w.failed = append(w.failed, FailedInput{Path: f.Path, Err: f.Err})
		}
		w.skipped += len(l.Skipped)
		for _, s := range l.Skipped {
			if s.Special {
				w.special = append(w.special, s)
			}
		}
		var files []string
		files, found = splitSymptomLogs(l.Files, found)
		for _, f := range files {
			var size int64
			if st, err := os.Stat(f); err == nil {
				size = st.Size()
			}
			jobs = append(jobs, job{athlete: i, index: len(jobs), path: f, size: size})
		}
	}
	var extra int
	w.log, extra = symptomLog(a.Symptoms, found)
	w.skipped += extra
	w.files = len(jobs)
	return w, jobs
}

// decodeAll walks the athletes' folders one athlete at a time, as the
// workers need jobs, and decodes the files with a bounded pool of
// workers: the team's list of files is never held, only the athlete's
// being walked (memory flat in the team's size). It hands each walk to
// walked before any result of its jobs, and each result to done, from
// the calling goroutine.
func decodeAll(ctx context.Context, athletes []AthleteInput, opt Options, walked func(walk), done func(job, result)) error {
	n := opt.Jobs
	if n <= 0 {
		n = runtime.NumCPU()
	}
	// Every decoder holds one of the n slots; a zip borrows the free ones
	// for its members, so a lone bulk export uses every slot too.
	slots := ingest.NewWorkers(n)
	opt.Ingest.Workers = slots
	type finishedJob struct {
		job job
		res result
	}
	todo := make(chan job)
	walks := make(chan walk)
	finished := make(chan finishedJob)
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	// Stop the workers and the walk and wait for them, so that nothing
	// runs after Run returns.
	defer wg.Wait()
	defer cancel()

	read := readFile
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				if slots.Acquire(ctx) != nil {
					return
				}
				res := decodeFile(ctx, read, j.path, athletes[j.athlete].Params.Location, opt.Ingest)
				slots.Release()
				select {
				case finished <- finishedJob{j, res}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(walks)
		defer close(todo)
		for i, a := range athletes {
			w, jobs := walkAthlete(i, a)
			select {
			case walks <- w: // before its jobs: the results come after
			case <-ctx.Done():
				return
			}
			for _, j := range jobs {
				select {
				case todo <- j:
				case <-ctx.Done():
					return
				}
			}
		}
	}()

	var bytes int64
	total, count := 0, 0
	for walks != nil || count < total {
		select {
		case w, ok := <-walks:
			if !ok {
				walks = nil
				continue
			}
			total += w.files
			walked(w)
		case d := <-finished:
			count++
			done(d.job, d.res)
			bytes += d.job.size
			if opt.Progress != nil {
				opt.Progress(count, total, bytes)
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return ctx.Err()
}

// decodeFile reads one file and reduces each activity to its metrics,
// dropping the samples as soon as they are measured. A panic in a decoder
// becomes a problem of that file, never the end of the batch.
func decodeFile(ctx context.Context, read func(context.Context, string, ingest.Options, func(*ingest.Activity)) []ingest.Problem, path string, loc *time.Location, opt ingest.Options) (res result) {
	defer func() {
		if v := recover(); v != nil {
			res.problems = append(res.problems, ingest.Problem{
				Path: path, Err: fmt.Errorf("%w: reading failed unexpectedly (%v)", ingest.ErrCorrupt, v)})
		}
	}()
	if loc == nil {
		loc = time.UTC
	}
	opt.Location = loc // files that write local time without a zone
	var undated []ingest.Problem
	more := 0 // undated activities past maxMisdatedListed: one summary line
	res.problems = read(ctx, path, opt, func(a *ingest.Activity) {
		if !a.HasStart() {
			res.undated++
			if len(undated) == maxMisdatedListed {
				more++
				return
			}
			undated = append(undated, ingest.Problem{Path: a.Source,
				Err: fmt.Errorf("%w: no start time recorded, so the activity cannot be placed in a week", ingest.ErrCorrupt)})
			return
		}
		res.runs = append(res.runs, analysis.Measure(a, loc))
		a.Samples.Recycle() // measured: the next file's samples reuse the storage
	})
	if more > 0 {
		// A summary CSV of 49,000 undated rows once gave 49,000 identical lines.
		undated = append(undated, ingest.Problem{Path: path,
			Err: fmt.Errorf("%w: and %d more activities with no start time recorded", ingest.ErrCorrupt, more)})
	}
	res.problems = append(res.problems, undated...) // read's result would overwrite them
	return res
}

// maxMisdatedListed bounds the activities with implausible dates listed
// one by one for an athlete; the rest are counted in one more entry.
const maxMisdatedListed = 20

// misdatedInputs lists runs whose dates cannot be right
// (analysis.SplitImplausibleDates) as inputs read but left out: a wrong
// watch clock is said, never silently made the season's end.
func misdatedInputs(runs []analysis.Run) []FailedInput {
	var out []FailedInput
	for k, r := range runs {
		if k == maxMisdatedListed {
			out = append(out, FailedInput{Path: r.Source,
				Err: misdated(fmt.Sprintf("and %d more activities with implausible dates, left out of the season", len(runs)-k))})
			break
		}
		out = append(out, FailedInput{Path: r.Source, Err: misdated(r.Implausible + "; left out of the season")})
	}
	return out
}

// ErrImplausibleDate is the class of a run left out for its date
// (errors.Is(in.Err, ErrImplausibleDate)).
var ErrImplausibleDate = errors.New("implausible date")

// misdated is the error of one run left out for its date.
type misdated string

func (e misdated) Error() string        { return string(e) }
func (e misdated) Is(target error) bool { return target == ErrImplausibleDate }

// windowDays gives the reporting window [since, until] as days for
// comparing with run and finding days; a zero bound is open.
func windowDays(since, until time.Time) (from, to analysis.Day) {
	from, to = math.MinInt, math.MaxInt
	if !since.IsZero() {
		from = analysis.DayOf(since)
	}
	if !until.IsZero() {
		to = analysis.DayOf(until)
	}
	return from, to
}

// inPeriod keeps the runs whose local date lies within [since, until].
func inPeriod(runs []analysis.Run, since, until time.Time, loc *time.Location) []analysis.Run {
	if since.IsZero() && until.IsZero() {
		return runs
	}
	from, to := windowDays(since, until)
	var kept []analysis.Run
	for _, r := range runs {
		if d := analysis.RunDay(r, loc); d >= from && d <= to {
			kept = append(kept, r)
		}
	}
	return kept
}

// nothingReadable is the entry that says an athlete's inputs held no
// activity at all, so that the report and the exit code (3) say that
// nothing could be judged instead of reading as a clean season.
func nothingReadable(paths []string, files, skipped int) FailedInput {
	why := "no activity files (FIT, CSV, TCX, GPX or zip) found"
	if files > 0 {
		why = fmt.Sprintf("no activity in its %d activity files", files)
	}
	switch {
	case skipped == 1:
		why += " (1 file of another type skipped)"
	case skipped > 1:
		why += fmt.Sprintf(" (%d files of other types skipped)", skipped)
	}
	return FailedInput{Path: strings.Join(paths, ", "), Err: fmt.Errorf("%w: %s", ingest.ErrNothingReadable, why)}
}

// inWindow keeps the findings that overlap [since, until]: a run's finding
// by its day, a week's by its Monday to Sunday, an episode from its first
// day or week to its last.
func inWindow(fs []rules.Finding, since, until time.Time) []rules.Finding {
	if since.IsZero() && until.IsZero() {
		return fs
	}
	from, to := windowDays(since, until)
	var kept []rules.Finding
	for _, f := range fs {
		first, last := f.Date, f.Date
		if f.Until != 0 {
			last = f.Until
		}
		if f.Activity == "" { // a week finding: its dates are Mondays
			last += 6
		}
		if first <= to && last >= from {
			kept = append(kept, f)
		}
	}
	return kept
}

// period bounds a season: the --since/--until window where given, else the
// first and last activity's local date; zero without activities.
func period(s *analysis.Season, since, until time.Time) (from, to time.Time) {
	from, to = since, until
	var first, last analysis.Day
	seen := false
	if s != nil {
		for _, r := range s.Runs {
			if r.Start.IsZero() && r.LocalDate.IsZero() {
				continue // a file without a start time says nothing of the period
			}
			d := analysis.RunDay(r, s.Params.Location)
			if !seen || d < first {
				first = d
			}
			if !seen || d > last {
				last = d
			}
			seen = true
		}
	}
	if !seen {
		return from, to
	}
	if from.IsZero() {
		from = first.Time(nil)
	}
	if to.IsZero() {
		to = last.Time(nil)
	}
	return from, to
}

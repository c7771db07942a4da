package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/safetext"
	"github.com/itbcheck/itbcheck/screen"
)

// ackFlags are the flags of `itbcheck ack`.
type ackFlags struct {
	team  string
	note  string
	list  bool
	clear bool
}

// ackCommand is `itbcheck ack ATHLETE RULE`: a coach records that they
// have seen an athlete's open finding.
func (c *cli) ackCommand() *cobra.Command {
	var f ackFlags
	cmd := &cobra.Command{
		Use:   "ack [flags] ATHLETE RULE",
		Short: "Record that a coach has seen an athlete's open finding (--list, --clear)",
		Long: "ack records in the team folder (" + screen.AckFile + " in --team ROOT) that a coach has seen\n" +
			"the athlete's open finding of RULE. Reports then show \"acknowledged DATE: note\" beside it and\n" +
			"rank it below unacknowledged findings of the same severity, until it worsens or a new episode\n" +
			"opens: then it is new again. ack reads the athlete's files to find the open finding.",
		Example: "  itbcheck ack --team team/ bob load-spike --note \"called him: easier week\"\n" +
			"  itbcheck ack --team team/ --list\n" +
			"  itbcheck ack --team team/ --clear",
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case f.list && f.clear:
				return usageErrorf("--list and --clear: give one")
			case f.list || f.clear:
				if len(args) > 0 {
					return usageErrorf("--list and --clear take no ATHLETE or RULE")
				}
				if f.clear {
					return c.clearAcks(f.team)
				}
				return c.listAcks(f.team)
			case len(args) != 2:
				return usageErrorf("want ATHLETE RULE (or --list, --clear), got %d arguments", len(args))
			}
			return c.ack(cmd, f, args[0], args[1])
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.team, "team", ".", "the team folder `ROOT` that keeps the acknowledgements")
	fl.StringVar(&f.note, "note", "", "what was done (one line)")
	fl.BoolVar(&f.list, "list", false, "list the team's acknowledgements")
	fl.BoolVar(&f.clear, "clear", false, "remove every acknowledgement of the team")
	cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) == 1 {
			var ids []string
			for _, r := range rules.All {
				ids = append(ids, r.ID)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return cmd
}

// ack analyses the athlete and records the acknowledgement of their open
// finding of rule.
func (c *cli) ack(cmd *cobra.Command, f ackFlags, name, rule string) error {
	r := rules.ByID(rule)
	if r == nil {
		return usageErrorf("rule %q: not an itbcheck rule (itbcheck rules lists them)", rule)
	}
	if strings.ContainsAny(f.note, "\n\r") {
		return usageErrorf("--note: want one line of text")
	}
	acks, err := screen.LoadAcks(f.team)
	if err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	cfg, err := c.loadConfig(cmd.Flags(), false)
	if err != nil {
		return err
	}
	today, err := now()
	if err != nil {
		return err
	}
	j := &job{command: "ack", team: true, flags: &analysisFlags{}, cfg: cfg, now: today}
	var roots []string
	if cmd.Flags().Changed("team") || len(cfg.Athletes) == 0 {
		roots = []string{f.team}
	}
	team, err := c.teamAthletes(j, roots)
	if err != nil {
		return err
	}
	var found []screen.AthleteInput
	var names []string
	for _, a := range team {
		names = append(names, a.Name)
		if a.Name == name {
			found = append(found, a)
		}
	}
	if len(found) == 0 {
		return usageErrorf("athlete %q is not in the team %s (athletes: %s)", name, f.team, strings.Join(names, ", "))
	}
	done, err := screen.Run(c.ctx, found, screen.Options{Jobs: cfg.Jobs, Now: today, Ingest: cfg.IngestOptions()})
	if err != nil {
		return err
	}
	a := done[0]
	fi, ok := screen.OpenFinding(a, r)
	if !ok {
		var open []string
		for _, o := range screen.OpenFindings(a) {
			open = append(open, o.Rule.ID)
		}
		what := "none"
		if len(open) > 0 {
			what = strings.Join(open, ", ")
		}
		return &exitError{code: exitUsage, msg: fmt.Sprintf("%s has no open %s finding to acknowledge (open now: %s)", name, rule, what)}
	}
	acks = screen.Acknowledge(acks, a, fi, today, f.note)
	path := filepath.Join(f.team, screen.AckFile)
	if err := writeAtomic(path, screen.FormatAcks(acks)); err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	last := acks[len(acks)-1]
	what := "acknowledged " + last.Date.Format(time.DateOnly)
	if last.Note != "" {
		what += ": " + last.Note
	}
	fmt.Fprintln(c.stdout, safetext.Escape(fmt.Sprintf("%s: %s %s since %s %s (in %s)", name, strings.ToUpper(fi.Severity.String()), rule, fi.Date, what, path)))
	return nil
}

// listAcks prints the team's acknowledgements.
func (c *cli) listAcks(root string) error {
	acks, err := screen.LoadAcks(root)
	if err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	path := filepath.Join(root, screen.AckFile)
	if len(acks) == 0 {
		fmt.Fprintln(c.stdout, safetext.Escape(path+": no acknowledgements"))
		return nil
	}
	fmt.Fprintln(c.stdout, safetext.Escape(fmt.Sprintf("%s: %d %s", path, len(acks), plural(len(acks), "acknowledgement", "acknowledgements"))))
	for _, k := range acks {
		line := fmt.Sprintf("%s  %-12s %-16s %-6s episode since %s", k.Date.Format(time.DateOnly), k.Athlete, k.Rule.ID, k.Severity, k.Episode)
		if k.Note != "" {
			line += ": " + k.Note
		}
		fmt.Fprintln(c.stdout, safetext.Escape(line))
	}
	return nil
}

// clearAcks removes every acknowledgement of the team (the file is kept,
// with its header, so that the folder says where they go).
func (c *cli) clearAcks(root string) error {
	acks, err := screen.LoadAcks(root)
	if err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	path := filepath.Join(root, screen.AckFile)
	if len(acks) == 0 {
		fmt.Fprintln(c.stdout, safetext.Escape(path+": no acknowledgements to clear"))
		return nil
	}
	if err := writeAtomic(path, screen.FormatAcks(nil)); err != nil {
		return &exitError{code: exitUsage, msg: oneLine(err)}
	}
	fmt.Fprintln(c.stdout, safetext.Escape(fmt.Sprintf("%s: %d %s cleared", path, len(acks), plural(len(acks), "acknowledgement", "acknowledgements"))))
	return nil
}

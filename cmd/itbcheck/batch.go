package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/screen"
)

// batchCommand is `itbcheck batch ROOT`.
func (c *cli) batchCommand() *cobra.Command {
	var f analysisFlags
	cmd := &cobra.Command{
		Use: "batch [flags] ROOT",
		Example: "  itbcheck batch team/                          # the team overview and each athlete, as text\n" +
			"  itbcheck batch team/ -o out/ --format html    # out/<athlete>.html and out/index.html\n" +
			"  itbcheck batch team/ -o team.html             # the team overview alone\n" +
			"  itbcheck batch --config team.yaml             # the athletes: roster of the config",
		Short: "Screen a team: each sub-folder of ROOT, or each athlete of the config's roster",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			j, err := c.prepare(cmd, &f, reportFormats)
			if err != nil {
				return err
			}
			if j.athletes, err = c.teamAthletes(j, args); err != nil {
				return err
			}
			c.loadAcks(j, teamRoot(args))
			sink, err := c.newSink(j)
			if err != nil {
				return err
			}
			r, err := c.analyse(j, sink)
			if err != nil {
				return err
			}
			c.code = exitForInputs(r)
			c.quietVerdict(j, r)
			return nil
		},
	}
	addAnalysisFlags(cmd.Flags(), &f, reportFormats)
	completeValues(cmd, "format", reportFormats)
	cmd.Flags().Lookup("output").Usage = "write one report per athlete and the team summary into the folder `DIR`"
	addShardFlag(cmd, &f)
	return cmd
}

// teamAthletes lists a team: each non-hidden sub-folder of ROOT (with the
// roster's overrides for an athlete of the same name), or, without ROOT,
// the config's athletes: roster. Activity files directly in ROOT are
// ignored with a warning; other files (a README) silently.
func (c *cli) teamAthletes(j *job, args []string) ([]screen.AthleteInput, error) {
	if j.flags != nil && j.flags.symptoms != "" {
		return nil, usageErrorf("--symptoms names one athlete's log: for a team, put symptoms.csv in each athlete's folder or set athletes[].symptoms in the config")
	}
	if len(args) == 0 {
		if len(j.cfg.Athletes) == 0 {
			return nil, usageErrorf("missing ROOT: give a team folder, or list athletes: in the config")
		}
		var out []screen.AthleteInput
		for _, e := range j.cfg.Athletes {
			out = append(out, j.athleteFor(e.Name, e.Paths))
		}
		return c.inShard(j, out), nil
	}
	root := args[0]
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, usageErrorf("ROOT %s: %v", root, unwrapPath(err))
	}
	var out []screen.AthleteInput
	var loose []string // activity files directly in ROOT
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(root, e.Name())
		st, err := os.Stat(p) // follows links to athlete folders
		if err != nil {
			continue
		}
		if !st.IsDir() {
			if !ingest.IsSupportedName(e.Name()) {
				continue // a README or an expectations file beside the team
			}
			loose = append(loose, p)
			continue
		}
		out = append(out, j.athleteFor(e.Name(), []string{p}))
	}
	if len(out) == 0 && len(loose) > 0 {
		single := "itbcheck analyze " + root
		if j.command == "check" {
			single = "itbcheck check " + root
		}
		return nil, usageErrorf("ROOT %s holds %d activity files and no athlete sub-folders: it looks like one athlete's folder; for one athlete use: %s", root, len(loose), single)
	}
	if len(out) == 0 {
		return nil, usageErrorf("ROOT %s: no athlete sub-folders", root)
	}
	if len(loose) > 0 {
		c.warnf("%d activity files directly in ROOT %s are ignored (such as %s); put each athlete's files in a sub-folder", len(loose), root, loose[0])
	}
	return c.inShard(j, out), nil
}

// inShard keeps the team's athletes of --shard K/N and says how many that
// is of the team.
func (c *cli) inShard(j *job, team []screen.AthleteInput) []screen.AthleteInput {
	if j.shard.n == 0 {
		return team
	}
	out := j.shard.filter(team)
	c.notef("shard %s: %d of the team's %d athletes", j.shard, len(out), len(team))
	return out
}

// addShardFlag declares --shard on a command that screens a team.
func addShardFlag(cmd *cobra.Command, f *analysisFlags) {
	cmd.Flags().StringVar(&f.shard, "shard", "", "only the athletes of shard `K/N` (by a stable hash of the name), for N processes splitting one team")
}

// teamRoot is the team folder of args: ROOT, or the current folder for a
// roster.
func teamRoot(args []string) string {
	if len(args) > 0 {
		return args[0]
	}
	return "."
}

// unwrapPath drops the path from an *os.PathError's message.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// fileName makes an athlete's name safe as a file name: letters, digits,
// '.', '-' and '_' are kept, other runes become '_'; never empty, never
// hidden.
func fileName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	s := strings.TrimLeft(b.String(), ".")
	if s == "" {
		s = "athlete"
	}
	return shortName(s) // a 250-byte folder name must not stop the team's reports
}

// uniqueName gives base.ext, or base-2.ext and so on when the name (without
// regard to case) is taken or is the team summary's.
func uniqueName(base, ext string, used map[string]bool) string {
	name := base + "." + ext
	for i := 2; used[strings.ToLower(name)] || strings.EqualFold(base, "index") || strings.EqualFold(name, "team.csv"); i++ {
		name = fmt.Sprintf("%s-%d.%s", base, i, ext)
		if !used[strings.ToLower(name)] {
			break
		}
	}
	used[strings.ToLower(name)] = true
	return name
}

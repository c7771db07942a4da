package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/report"
	"github.com/itbcheck/itbcheck/safetext"
)

// inspectCommand is `itbcheck inspect FILE...`.
func (c *cli) inspectCommand() *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:     "inspect [flags] FILE...",
		Example: "  itbcheck inspect Fenix3-Run-1321421020.fit\n  itbcheck inspect --format json run.fit.gz",
		Short:   "Show what a file holds: format, sport, device, samples, channels, summary",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := chooseFormat(format, output, []string{"text", "json"})
			if err != nil {
				return err
			}
			// A path that does not exist is a typo, a usage error as for
			// analyze and check, not an unreadable input.
			if err := requireExisting(args); err != nil {
				return err
			}
			// inspect looks into files; a folder is a usage error (exit 2),
			// not an input that could not be read.
			for _, p := range args {
				if st, err := os.Stat(p); err == nil && st.IsDir() {
					return usageErrorf("%s: is a folder: inspect takes files (analyze reads folders)", p)
				}
			}
			cfg, err := c.loadConfig(nil, false)
			if err != nil {
				return err
			}
			var acts []*ingest.Activity
			failed := false
			for _, path := range args {
				if err := c.ctx.Err(); err != nil {
					return err
				}
				// The CLI's context: Ctrl-C stops a long zip between members.
				probs := ingest.Read(c.ctx, path, cfg.IngestOptions(), func(a *ingest.Activity) { acts = append(acts, a) })
				if err := c.ctx.Err(); err != nil {
					return err
				}
				for _, p := range probs {
					failed = true
					fmt.Fprintf(c.stderr, "itbcheck: %s\n", safetext.Escape(oneLine(p)))
				}
			}
			if len(acts) > 0 || f == "json" {
				var buf bytes.Buffer
				if err := report.Inspect(&buf, f, acts); err != nil {
					return &exitError{code: exitUsage, msg: fmt.Sprintf("inspect %s: %s", f, oneLine(err))}
				}
				if output != "" {
					if err := writeAtomic(output, buf.Bytes()); err != nil {
						return &exitError{code: exitUsage, msg: oneLine(err)}
					}
				} else if _, err := c.stdout.Write(buf.Bytes()); err != nil {
					return err
				}
			}
			if failed {
				c.code = exitInputs
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: text or json (default text)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` instead of stdout")
	return cmd
}

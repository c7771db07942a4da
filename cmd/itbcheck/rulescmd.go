package main

import (
	"bytes"

	"github.com/spf13/cobra"

	"github.com/itbcheck/itbcheck/report"
)

// rulesCommand is `itbcheck rules [ID...]`.
func (c *cli) rulesCommand() *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "rules [flags] [ID...]",
		Short: "List the rule catalogue (or one rule) with the thresholds in force",
		Long: "rules lists every rule: its id, what it detects, how it computes its metric,\n" +
			"the thresholds in force under your config, its path through the hip → pelvis →\n" +
			"lower-back chain and the evidence behind it. Given rule IDs, it prints only\n" +
			"those, with the explanation and advice their findings carry.",
		Example: "  itbcheck rules\n  itbcheck rules load-spike\n  itbcheck rules --format markdown -o rules.md",
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return ruleIDs(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := chooseFormat(format, output, []string{"text", "json", "markdown"})
			if err != nil {
				return err
			}
			cfg, err := c.loadConfig(nil, false)
			if err != nil {
				return err
			}
			entries, err := report.Catalogue(&cfg.Rules, args...)
			if err != nil {
				return usageErrorf("%v", err)
			}
			width := 0
			if output == "" {
				width = terminalWidth(c.stdout)
			}
			var buf bytes.Buffer
			if err := report.RenderCatalogue(&buf, f, entries, width); err != nil {
				return err
			}
			if output != "" && output != "-" {
				if err := writeAtomic(output, buf.Bytes()); err != nil {
					return &exitError{code: exitUsage, msg: oneLine(err)}
				}
				c.notef("wrote %s (%s rule catalogue)", output, f)
				return nil
			}
			_, err = c.stdout.Write(buf.Bytes())
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: text, json or markdown (default text, or from the -o extension)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` instead of stdout")
	return cmd
}

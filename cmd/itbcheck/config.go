package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/itbcheck/itbcheck/internal/config"
)

// loadConfig resolves the config for a command; flags holds the command's
// flags (those named like a key, such as jobs, override it) or is nil.
// strict (check) refuses an unknown key or rule field; the other
// commands warn and go on.
func (c *cli) loadConfig(flags *pflag.FlagSet, strict bool) (*config.Config, error) {
	return config.Load(config.Options{Path: c.configPath, Flags: flags, Warn: c.stderr, Strict: strict})
}

// configCommand is `itbcheck config init|show`.
func (c *cli) configCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config init|show",
		Short: "Write a commented starter config, or show the config in force",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageErrorf("config needs a subcommand: init or show")
		},
	}
	var force bool
	initCmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starter config (default ./itbcheck.yaml; - for stdout)",
		Long: "init writes a starter config with every key, the defaults as values and a\n" +
			"comment on each, to FILE (default ./itbcheck.yaml, where itbcheck looks\n" +
			"first). It never overwrites a file unless --force is given.",
		Example: "  itbcheck config init\n  itbcheck config init - > team/itbcheck.yaml",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := "itbcheck.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			if path == "-" {
				_, err := fmt.Fprint(c.stdout, config.Starter())
				return err
			}
			if _, err := os.Stat(path); err == nil && !force {
				return usageErrorf("%s exists; edit it, or give --force to replace it", path)
			}
			if err := writeAtomic(path, []byte(config.Starter())); err != nil {
				return &exitError{code: exitUsage, msg: oneLine(err)}
			}
			fmt.Fprintf(c.stderr, "itbcheck: wrote %s (see itbcheck config show)\n", path)
			return nil
		},
	}
	initCmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	showCmd := &cobra.Command{
		Use:   "show",
		Short: "Print the config in force and where each value came from",
		Long: "show prints every key in force, its value, and where it came from: the\n" +
			"default, a line of the config file, an ITBCHECK_* variable or a flag.",
		Example: "  itbcheck config show\n  ITBCHECK_RULES_LOAD_SPIKE_MEDIUM=1.4 itbcheck config show --config team.yaml",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := c.loadConfig(nil, false)
			if err != nil {
				return err
			}
			return config.Show(c.stdout, cfg, config.Candidates(config.Options{}))
		},
	}
	cmd.AddCommand(initCmd, showCmd)
	return cmd
}

// oneLine joins the lines of an error message.
func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

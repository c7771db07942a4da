package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// manCommand is `itbcheck man DIR`: the man pages of every command,
// generated from the same flags and help as --help (spf13/cobra/doc).
func (c *cli) manCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "man DIR",
		Short:   "Write the man pages (itbcheck.1, itbcheck-analyze.1, ...) into DIR",
		Example: "  itbcheck man ~/.local/share/man/man1 && man itbcheck",
		Hidden:  true,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return usageErrorf("%s: %v", dir, unwrapPath(err))
			}
			header := &doc.GenManHeader{Title: "ITBCHECK", Section: "1", Source: "itbcheck " + version, Manual: "itbcheck manual"}
			date, err := now() // ITBCHECK_NOW or SOURCE_DATE_EPOCH make the pages reproducible
			if err != nil {
				return err
			}
			header.Date = &date
			root := cmd.Root()
			root.DisableAutoGenTag = true
			if err := doc.GenManTree(root, header, dir); err != nil {
				return &exitError{code: exitUsage, msg: fmt.Sprintf("man pages in %s: %s", dir, oneLine(err))}
			}
			c.notef("wrote the man pages to %s", dir)
			return nil
		},
	}
}

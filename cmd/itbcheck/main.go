// Command itbcheck screens running-watch exports for training patterns that
// lead to Iliotibial Band Syndrome and secondary low back pain. It is a
// screening aid, never a diagnosis.
//
// Usage:
//
//	itbcheck analyze [flags] PATH...
//	itbcheck batch   [flags] ROOT
//	itbcheck check   [flags] PATH...
//	itbcheck inspect [flags] FILE...
//	itbcheck rules   [flags]
//	itbcheck version
//
// See CONTRACT.md for the flags, the config keys and the exit codes.
//
// For reproducible output (golden files, CI), the environment variable
// ITBCHECK_NOW (an RFC 3339 time) or SOURCE_DATE_EPOCH (Unix seconds) fixes
// the report's generated_at; ITBCHECK_NOW wins when both are set.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"

	_ "time/tzdata" // time zones of the config work without a system database

	"github.com/spf13/cobra"

	"github.com/itbcheck/itbcheck/internal/config"
	"github.com/itbcheck/itbcheck/internal/expect"
	"github.com/itbcheck/itbcheck/safetext"
)

// Exit codes of the contract.
const (
	exitOK       = 0 // done; check: no finding at or above --fail-on
	exitFindings = 1 // check: a finding at or above --fail-on, or unmet expectations
	exitUsage    = 2 // usage or configuration error; nothing analysed
	exitInputs   = 3 // done, but an input could not be read
	// exitInterrupted ends a run stopped by Ctrl-C or SIGTERM (128 + SIGINT,
	// as shells report it); nothing was written.
	exitInterrupted = 130
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError is a mistake on the command line: exit 2, with the --help
// of the command in use as the hint (see report).
type usageError struct {
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// exitError ends a command with a code after its message was printed, or
// with a message to print.
type exitError struct {
	code int
	msg  string // printed on stderr when not empty
}

func (e *exitError) Error() string { return e.msg }

// cli holds one invocation: its streams and the values of its flags.
type cli struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	code           int  // exit code of a successful command (0, 1 or 3)
	quiet          bool // -q: no notes on stderr

	configPath string
	cpuProfile string
	memProfile string
	cpuFile    *tempFile
	// wroteStdout is set once a report began on stdout: an interrupted
	// run then cannot say that nothing was written.
	wroteStdout bool
}

// run executes itbcheck with args (without the program name) and returns the
// exit code. main calls it; tests drive the whole CLI through it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	root := c.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	defer releaseTempLocks() // after the profiles' temporaries are renamed
	if perr := c.stopProfiles(); perr != nil && err == nil {
		err = perr
	}
	if err == nil {
		return c.code
	}
	return c.report(cmd, err)
}

// report prints err on one line with a hint and gives the exit code.
func (c *cli) report(cmd *cobra.Command, err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(c.stderr, "itbcheck: %s\n", safetext.Escape(ee.msg))
		}
		return ee.code
	}
	if errors.Is(err, context.Canceled) {
		if c.wroteStdout {
			fmt.Fprintln(c.stderr, "itbcheck: interrupted; the report on stdout is incomplete, no file written")
		} else {
			fmt.Fprintln(c.stderr, "itbcheck: interrupted; nothing written")
		}
		return exitInterrupted
	}
	var ce *config.Error
	var xe *expect.Error
	if errors.As(err, &ce) || errors.As(err, &xe) {
		fmt.Fprintf(c.stderr, "itbcheck: %s\n", safetext.Escape(oneLine(err)))
		return exitUsage
	}
	// Everything else is a usage error: our own, or cobra's (unknown
	// command or flag, wrong number of arguments).
	name := "itbcheck"
	if cmd != nil {
		name = cmd.CommandPath()
	}
	fmt.Fprintf(c.stderr, "itbcheck: %s (see '%s --help')\n", safetext.Escape(oneLine(err)), name)
	return exitUsage
}

// badFlagValue matches pflag's refusal of a value: `invalid argument "abc"
// for "-j, --jobs" flag: strconv.ParseInt: parsing "abc": invalid syntax`.
var badFlagValue = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-., )?(--[^"]+)" flag: `)

// flagError words a flag's refusal in one line of our own: the flag, the
// value and what it takes, never strconv's text.
func flagError(cmd *cobra.Command, err error) string {
	m := badFlagValue.FindStringSubmatch(err.Error())
	if m == nil {
		return err.Error()
	}
	typ := ""
	if f := cmd.Flags().Lookup(strings.TrimPrefix(m[2], "--")); f != nil {
		typ = f.Value.Type()
	}
	return fmt.Sprintf("%s %s: %s", m[2], m[1], config.WantValue(typ, err))
}

// rootCommand builds the command tree.
func (c *cli) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "itbcheck",
		Short: "Screen running-watch exports for ITB syndrome risk patterns",
		Long: "itbcheck reads running-watch exports (FIT, CSV, TCX, GPX, gzip, bulk-export zips)\n" +
			"and screens them for training patterns that lead to Iliotibial Band Syndrome and\n" +
			"secondary low back pain. It flags risk patterns; it does not diagnose.",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := config.FlagsFromEnv(cmd.Flags(), os.LookupEnv); err != nil {
				return err
			}
			return c.startProfiles(args)
		},
		Version: version,
		Example: "  itbcheck analyze ~/garmin/ -o me.html\n" +
			"  itbcheck batch team/ -o out/ --format html\n" +
			"  itbcheck check --team team/ --fail-on medium --format junit -o itbcheck.xml\n" +
			"  itbcheck rules load-spike\n" +
			"  itbcheck config init",
	}
	root.SetVersionTemplate(versionLine() + "\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		if !cmd.HasParent() && strings.Contains(err.Error(), "shorthand flag: 'v'") {
			return usageErrorf("%v: -v is --verbose, of analyze, batch and check; the version is --version", err)
		}
		return &usageError{msg: flagError(cmd, err)}
	})
	// --version has no -v: -v is --verbose, of analyze, batch and check,
	// everywhere (root -v is an unknown flag, exit 2). Declaring the flag
	// keeps cobra from adding its -v shorthand.
	root.Flags().Bool("version", false, "print the version and exit")
	pf := root.PersistentFlags()
	pf.StringVar(&c.configPath, "config", "", "YAML config `FILE` (default ./itbcheck.yaml, then $XDG_CONFIG_HOME/itbcheck/config.yaml)")
	pf.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile to `FILE`")
	pf.StringVar(&c.memProfile, "memprofile", "", "write a memory profile to `FILE` at the end")
	root.AddCommand(c.analyzeCommand(), c.batchCommand(), c.checkCommand(),
		c.inspectCommand(), c.rulesCommand(), c.configCommand(), c.versionCommand(), c.manCommand(),
		c.logCommand(), c.ackCommand())
	strictCompletion(root)
	return root
}

// completionShells are the shells `itbcheck completion` writes scripts for.
var completionShells = "bash, zsh, fish or powershell"

// strictCompletion makes cobra's completion command refuse a shell it has
// no script for (`completion tcsh`: exit 2, naming the shells), where cobra
// would print its help and exit 0.
func strictCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, sub := range root.Commands() {
		if sub.Name() != "completion" {
			continue
		}
		sub.Args = cobra.ArbitraryArgs
		sub.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("completion needs a shell: %s", completionShells)
			}
			return usageErrorf("completion %s: unsupported shell (want %s)", args[0], completionShells)
		}
	}
}

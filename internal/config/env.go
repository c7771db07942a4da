package config

import (
	"fmt"

	"github.com/spf13/pflag"
)

// envAnnotation marks a flag whose value came from the environment, so
// that Load names the variable, not the flag, as its source.
const envAnnotation = "itbcheck-env"

// FlagsFromEnv sets every flag of fs that the command line left alone from
// its environment variable, ITBCHECK_<FLAG> (dashes as underscores):
// ITBCHECK_FAIL_ON=medium is --fail-on medium. help and version are not
// read from the environment. A value the flag refuses is a usage error
// naming the variable.
func FlagsFromEnv(fs *pflag.FlagSet, lookupEnv func(string) (string, bool)) error {
	var err error
	fs.VisitAll(func(f *pflag.Flag) {
		if err != nil || f.Changed || f.Name == "help" || f.Name == "version" {
			return
		}
		name := EnvName(f.Name)
		v, ok := lookupEnv(name)
		if !ok || v == "" {
			return
		}
		if serr := fs.Set(f.Name, v); serr != nil {
			err = &Error{Msg: fmt.Sprintf("%s=%s: not a value for --%s: %v", name, v, f.Name, serr)}
			return
		}
		_ = fs.SetAnnotation(f.Name, envAnnotation, []string{name})
	})
	return err
}

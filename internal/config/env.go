package config

import (
	"fmt"
	"strings"

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
			err = &Error{Msg: fmt.Sprintf("%s=%s: not a value for --%s: %s", name, v, f.Name, WantValue(f.Value.Type(), serr))}
			return
		}
		_ = fs.SetAnnotation(f.Name, envAnnotation, []string{name})
	})
	return err
}

// WantValue says what a flag of pflag type typ takes, in our words rather
// than strconv's ("strconv.ParseInt: parsing ...: invalid syntax"); err
// is the flag's own refusal, kept when it is not strconv's.
func WantValue(typ string, err error) string {
	switch {
	case strings.HasPrefix(typ, "int") || strings.HasPrefix(typ, "uint"):
		return "want a whole number"
	case strings.HasPrefix(typ, "float"):
		return "want a number"
	case typ == "bool":
		return "want true or false"
	case typ == "duration":
		return "want a duration such as 30s or 5m"
	}
	msg := err.Error()
	if i := strings.Index(msg, "strconv."); i >= 0 {
		msg = strings.TrimSpace(msg[:i])
	}
	return strings.TrimSuffix(msg, ":")
}

// Package config resolves itbcheck's configuration: built-in defaults, then
// the YAML config file, then ITBCHECK_* environment variables, then the
// flags bound to keys. It sits beside the pipeline: cmd/itbcheck calls Load
// once per command and hands the result's parameters to analysis and rules.
//
// The file is parsed once, with one YAML library (go.yaml.in/yaml/v3), into
// a node tree; every value keeps where it came from (default, file:line,
// environment variable or flag), which `itbcheck config show` prints.
//
// Every scalar key is one row of Keys (name, default, unit, parse,
// comment): resolution, `config show` and `config init` walk that table,
// so adding a key is one row and a Config field (TestKeyTable fails when
// a field has no row, or show or the starter disagree with the table).
package config

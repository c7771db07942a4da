package ingest

// LimitTable is the one table of the resource limits: each row is
// everything about one limit, its config key, unit, default and the
// comment the starter config says beside it. DefaultLimits, the zero-merge
// of Options.Limits, the config's resolution, `config show` and
// `config init` all walk it, so adding a limit is a Limits field and one
// row here.
var LimitTable = []Limit{
	{Key: "max_file_mb", Unit: 1 << 20, Default: 2 << 30,
		get: func(l Limits) int64 { return l.MaxFileBytes }, set: func(l *Limits, v int64) { l.MaxFileBytes = v }},
	{Key: "max_decompressed_mb", Unit: 1 << 20, Default: 256 << 20,
		get: func(l Limits) int64 { return l.MaxDecompressedBytes }, set: func(l *Limits, v int64) { l.MaxDecompressedBytes = v }},
	{Key: "max_ratio", Unit: 1, Default: 200,
		get: func(l Limits) int64 { return l.MaxRatio }, set: func(l *Limits, v int64) { l.MaxRatio = v }},
	{Key: "max_archive_entries", Unit: 1, Default: 100000,
		get: func(l Limits) int64 { return int64(l.MaxArchiveEntries) }, set: func(l *Limits, v int64) { l.MaxArchiveEntries = int(v) }},
	{Key: "max_nesting_depth", Unit: 1, Default: 3,
		get: func(l Limits) int64 { return int64(l.MaxNestingDepth) }, set: func(l *Limits, v int64) { l.MaxNestingDepth = int(v) }},
	// 5.8 days at one record a second; ~100 MiB of samples.
	{Key: "max_records", Unit: 1, Default: 500_000,
		get: func(l Limits) int64 { return int64(l.MaxRecords) }, set: func(l *Limits, v int64) { l.MaxRecords = int(v) }},
	// Some 10 000 activity files; about a minute of inflating.
	{Key: "max_archive_mb", Unit: 1 << 20, Default: 8 << 30, Comment: "all members of one zip together",
		get: func(l Limits) int64 { return l.MaxArchiveBytes }, set: func(l *Limits, v int64) { l.MaxArchiveBytes = v }},
	// 100 000 members with long names.
	{Key: "max_zip_directory_mb", Unit: 1 << 20, Default: 32 << 20,
		get: func(l Limits) int64 { return l.MaxZipDirectoryBytes }, set: func(l *Limits, v int64) { l.MaxZipDirectoryBytes = v }},
	// A triathlon has five; a day of a watch's sessions a few dozen.
	{Key: "max_sessions", Unit: 1, Default: 1000, Comment: "per FIT file",
		get: func(l Limits) int64 { return int64(l.MaxSessions) }, set: func(l *Limits, v int64) { l.MaxSessions = int(v) }},
	// 25 years of two activities a day.
	{Key: "max_summary_rows", Unit: 1, Default: 50_000, Comment: "per activities.csv",
		get: func(l Limits) int64 { return int64(l.MaxSummaryRows) }, set: func(l *Limits, v int64) { l.MaxSummaryRows = int(v) }},
	// A long <desc>; trackpoints are a few hundred bytes.
	{Key: "max_xml_text_kb", Unit: 1 << 10, Default: 1 << 20, Comment: "longest text, tag or comment of a TCX/GPX",
		get: func(l Limits) int64 { return l.MaxXMLTextBytes }, set: func(l *Limits, v int64) { l.MaxXMLTextBytes = v }},
	// TCX and GPX need about ten levels.
	{Key: "max_xml_depth", Unit: 1, Default: 256,
		get: func(l Limits) int64 { return int64(l.MaxXMLDepth) }, set: func(l *Limits, v int64) { l.MaxXMLDepth = int(v) }},
	// A six-day race on a 400 m track has 2 000.
	{Key: "max_laps", Unit: 1, Default: 10_000, Comment: "per FIT file",
		get: func(l Limits) int64 { return int64(l.MaxLaps) }, set: func(l *Limits, v int64) { l.MaxLaps = int(v) }},
	{Key: "max_buffered_zip_mb", Unit: 1 << 20, Default: 128 << 20, Comment: "a zip held in memory: deflated in a zip, or in a gzip",
		get: func(l Limits) int64 { return l.MaxBufferedZipBytes }, set: func(l *Limits, v int64) { l.MaxBufferedZipBytes = v }},
}

// Limit is one row of LimitTable.
type Limit struct {
	// Key is the limit's config key under limits.: "max_file_mb".
	Key string
	// Unit is how many of the Limits field's units (bytes, or 1 for a
	// count) one unit of the config key is: 1<<20 for a _mb key.
	Unit int64
	// Default is the limit in the field's units.
	Default int64
	// Comment is said beside the key in the starter config; "" for none.
	Comment string

	get func(Limits) int64
	set func(*Limits, int64)
}

// Get is the limit's value in l, in the field's units.
func (k Limit) Get(l Limits) int64 { return k.get(l) }

// Set sets the limit in l to v, in the field's units.
func (k Limit) Set(l *Limits, v int64) { k.set(l, v) }

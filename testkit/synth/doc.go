// Package synth describes synthetic running seasons and encodes them as real
// FIT activity files, the test data of the whole itbcheck pipeline.
//
// A Season is a list of RunSpec values; EncodeRun turns one RunSpec into the
// bytes of a Garmin-like FIT activity file (file_id, device_info, timer
// events, records, laps, session, activity) with realistic, seeded noise, so
// the same spec always gives the same bytes. Plan builds ready-made seasons
// that inject exactly one risk pattern (or none, for the controls) in a known
// week; Patterns lists them with the rule ids they should trigger, so
// end-to-end tests can iterate over them.
//
// Team builds the realistic seasons beside those clean ones: at least 12
// athletes of 16 to 24 weeks, reproducible from a seed, with day-to-day
// noise, skipped runs, illness and holidays, a taper and half marathon,
// mountain, track, treadmill and daily-running habits that are the
// athlete's normal, and true patterns of a planned size (a load spike, a
// slow creep, cadence drops and fades, asymmetry drifts, a downhill or a
// new track block). Each Athlete carries its Truth: the rules that should
// explain each pattern, from which week, at the severity DOMAIN.md's
// grading gives its planned size; a healthy athlete carries none.
//
// The package depends on the FIT encoder only, never on itbcheck's own
// ingest or analysis packages: it is the independent side of the tests.
package synth

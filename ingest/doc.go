// Package ingest turns watch exports into one normalised activity model.
//
// It is the first stage of itbcheck's pipeline (ingest → analysis → rules →
// report): files, folders and bulk-export archives go in, *Activity values
// come out, one per recorded activity, each handed to the caller as soon as
// it is read so that the samples of a whole export are never held at once. Walk expands
// folders into files; a Reader (NewReader over any io.Reader with a name;
// Read is a thin wrapper over it for a path) sniffs the content,
// falling back on the name's extension, and runs the decoder its row of
// the format table names. Absent values
// are NaN (or a false flag), never zero, so that the analysis stage can tell
// "not recorded" from "recorded as zero".
//
// Files:
//
//   - activity.go: the model (Activity, Samples, Summary, Sport, Channels).
//   - ingest.go: Options, Limits, Problem and the error classes.
//   - read.go: Reader, NewReader, Read and the format table (signature,
//     extensions, decoder: a new format is one row and one decoder file);
//     walk.go: Walk.
//   - fit.go: FIT with github.com/muktihari/fit, one activity per session;
//     fit_fast.go reads record fields from the bytes of ordinary files;
//     fit_crc.go checks FIT CRCs; fit_sport.go gives the sport of files
//     without a session; fit_pool.go recycles sample storage.
//   - csv.go: CSV dialect detection and cell parsing (number dialects);
//     csvsummary.go: Strava activities.csv and Garmin Connect
//     Activities.csv (one row per activity), read through the per-language
//     header and activity-type tables of csvlang.go; csvsamples.go:
//     per-sample CSVs (one row per record).
//   - tcx.go, gpx.go: Garmin TCX and GPX, streamed through xmlutil.go.
//   - archive.go: gzip files and zip bulk exports read in place within
//     decompression limits, with Strava's activities.csv joined to the
//     activity files it names.
//   - summary.go: whole-activity figures computed from the samples when a
//     file gives none; clean.go: the cleaning rules every format shares
//     (Timeline: pauses from the device or from gaps without movement,
//     moving-time averages, zero sensor values absent, ascent hysteresis).
package ingest

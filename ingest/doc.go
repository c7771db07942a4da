// Package ingest turns watch exports into one normalised activity model.
//
// It is the first stage of itbcheck's pipeline (ingest → analysis → rules →
// report): files, folders and bulk-export archives go in, *Activity values
// come out, one per recorded activity, each handed to the caller as soon as
// it is read so that the samples of a whole export are never held at once. Walk expands
// folders into files; Read (or Open) sniffs each file's content, falling
// back on its extension, and runs the decoder for its format. Absent values
// are NaN (or a false flag), never zero, so that the analysis stage can tell
// "not recorded" from "recorded as zero".
//
// Files:
//
//   - activity.go: the model (Activity, Samples, Summary, Sport, Channels).
//   - ingest.go: Open, Options, Limits, Problem and the error classes.
//   - read.go: Read, content sniffing and dispatch; walk.go: Walk.
//   - fit.go: FIT with github.com/muktihari/fit, one activity per session;
//     fit_fast.go reads record fields from the bytes of ordinary files;
//     fit_crc.go checks FIT CRCs; fit_sport.go gives the sport of files
//     without a session; fit_pool.go recycles sample storage.
//   - csv.go: CSV dialect detection and cell parsing; csvsummary.go:
//     Strava activities.csv and Garmin Connect Activities.csv (one row per
//     activity); csvsamples.go: per-sample CSVs (one row per record).
//   - tcx.go, gpx.go: Garmin TCX and GPX, streamed through xmlutil.go.
//   - archive.go: gzip files and zip bulk exports read in place within
//     decompression limits, with Strava's activities.csv joined to the
//     activity files it names.
//   - summary.go: whole-activity figures computed from the samples when a
//     file gives none.
package ingest

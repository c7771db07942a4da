// Package screen wires itbcheck's stages together for the command line.
//
// Run takes athletes (a name, the paths of their exports and their
// settings), expands the paths with ingest.Walk, decodes the files with a
// bounded pool of workers (ingest.Read, then analysis.Measure for each
// activity, after which the samples are dropped), gathers the per-run
// metrics in input order so that the result never depends on scheduling,
// and builds each athlete's season (analysis.NewSeason) and findings
// (rules.Screen). It knows nothing about output formats: it returns
// Athlete values (the result model, with the team triage: SortByRisk,
// OpenRisk) for the report package to render.
package screen

// Package report renders itbcheck's findings for people and machines.
//
// It is the last stage of the pipeline: athletes' seasons with their
// findings and unreadable inputs go in; terminal text, Markdown, JSON
// (schema itbcheck.report/v2), self-contained HTML with charts, CSV team
// tables, JUnit XML and GitHub workflow commands come out. Formats is the
// one table of formats (names, -o extensions, the commands that write
// each, the renderer); each format's Renderer is given the run's Header,
// then each athlete as soon as its analysis is done, then the team's
// summaries (Stream drives it), so that a
// team's report never needs every season in memory at once.
//
// It only renders: the result model (screen.Report, screen.Athlete) and
// the team triage (open episodes, risk ranking) are package screen's.
package report

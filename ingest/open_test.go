package ingest

import (
	"context"
	"errors"
)

// Entry points over Read and Reader.Each that only the tests use.

// Open reads every activity in the file at path: a thin wrapper over
// NewReader. The error, when not nil, joins the Problems met; activities
// read before or beside a problem are still returned.
func Open(path string, opt Options) ([]*Activity, error) {
	var acts []*Activity
	probs := Read(context.Background(), path, opt, func(a *Activity) { acts = append(acts, a) })
	return acts, joinProblems(probs)
}

// ReadAll reads every activity of the stream. The error, when not nil,
// joins the Problems met; activities read before or beside a problem are
// still returned.
func (rd *Reader) ReadAll() ([]*Activity, error) {
	var acts []*Activity
	probs := rd.Each(context.Background(), func(a *Activity) { acts = append(acts, a) })
	return acts, joinProblems(probs)
}

// joinProblems joins problems into one error, nil when there are none.
func joinProblems(probs []Problem) error {
	if len(probs) == 0 {
		return nil
	}
	errs := make([]error, len(probs))
	for i, p := range probs {
		errs[i] = p
	}
	return errors.Join(errs...)
}

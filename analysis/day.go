package analysis

import (
	"fmt"
	"time"
)

// Day is a calendar day, counted in days since 1970-01-01: the date of a
// run, a week's Monday, a finding's first or last day. It has no time
// zone: the day of an instant is taken in a zone once (DayOf), and from
// then on days compare, step and print without one.
type Day int

// DayOf is the calendar day of t in t's own zone, so that a change of
// daylight saving time never shifts a day.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDay reads a YYYY-MM-DD day.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("day %q: want YYYY-MM-DD", s)
	}
	return DayOf(t), nil
}

// Monday is the Monday of d's ISO week (1970-01-01 was a Thursday): the
// one definition of "the Monday of a week".
func (d Day) Monday() Day {
	wd := (int(d) + 3) % 7 // 0 = Monday
	if wd < 0 {
		wd += 7
	}
	return d - Day(wd)
}

// ISOWeek is d's ISO 8601 year and week number.
func (d Day) ISOWeek() (year, week int) { return d.Time(time.UTC).ISOWeek() }

// Time is midnight at the start of d in loc (UTC when nil).
func (d Day) Time(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	u := time.Unix(int64(d)*86400, 0).UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, loc)
}

// String is d as YYYY-MM-DD.
func (d Day) String() string { return d.Time(time.UTC).Format(time.DateOnly) }

// MarshalText writes d as YYYY-MM-DD.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a YYYY-MM-DD day.
func (d *Day) UnmarshalText(b []byte) error {
	v, err := ParseDay(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// LocalStart is the start of run r in the athlete's local time: its
// LocalDate, or for a run built without Measure its start instant in loc
// (UTC when nil). It is the one time-zone fallback for the day of a run.
func LocalStart(r Run, loc *time.Location) time.Time {
	if !r.LocalDate.IsZero() {
		return r.LocalDate
	}
	if loc == nil {
		loc = time.UTC
	}
	return r.Start.In(loc)
}

// RunDay is the day run r counts for: the calendar day of LocalStart.
func RunDay(r Run, loc *time.Location) Day { return DayOf(LocalStart(r, loc)) }

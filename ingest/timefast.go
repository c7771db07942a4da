package ingest

import "time"

// fastRFC3339 reads the one timestamp form TCX and GPX trackpoints and
// per-sample CSVs nearly always hold, 2006-01-02T15:04:05, then 1 to 9
// digits of fraction after a '.', then Z or ±hh:mm, as a UTC time, in a
// fraction of the time time.Parse takes (one call per trackpoint was the
// largest single cost after the XML itself). ok is false for anything
// else, which the caller reads with time.Parse as before; when ok is
// true, the time is the one time.Parse(time.RFC3339Nano, s) gives, in UTC
// (FuzzFastRFC3339 holds it to that).
func fastRFC3339(s string) (t time.Time, ok bool) {
	minute, ok := rfc3339Minute(s)
	if !ok {
		return time.Time{}, false
	}
	return rfc3339FromMinute(s, minute)
}

// minuteCache remembers the minute of the last timestamp read: the points
// of a track share it sixty at a time, so only the seconds on are read
// for the others (TestMinuteCache holds it to fastRFC3339).
type minuteCache struct {
	key  [16]byte // the timestamp's first 16 bytes, "2006-01-02T15:04"
	unix int64    // that minute, read as UTC
	ok   bool     // key holds one
}

// read is fastRFC3339(s).
func (c *minuteCache) read(s string) (time.Time, bool) {
	if c.ok && len(s) >= 16 && s[:16] == string(c.key[:]) { // compared without a copy
		return rfc3339FromMinute(s, c.unix)
	}
	minute, ok := rfc3339Minute(s)
	if !ok {
		return time.Time{}, false
	}
	t, ok := rfc3339FromMinute(s, minute)
	if ok {
		copy(c.key[:], s)
		c.unix, c.ok = minute, true
	}
	return t, ok
}

// rfc3339Minute reads the first 16 bytes of fastRFC3339's form,
// 2006-01-02T15:04, as the Unix time of that minute in UTC; ok is false
// when s cannot be of the form.
func rfc3339Minute(s string) (unix int64, ok bool) {
	if len(s) < len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' {
		return 0, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	if !(ok1 && ok2 && ok3 && ok4 && ok5) || month < 1 || month > 12 || day < 1 || day > daysInMonth(month, year) || hour > 23 || minute > 59 {
		return 0, false
	}
	return daysFromCivil(year, month, day)*86400 + int64(hour*3600+minute*60), true
}

// rfc3339FromMinute reads the rest of s, from the ':' before the seconds,
// given the Unix time of its first 16 bytes (rfc3339Minute).
func rfc3339FromMinute(s string, minute int64) (time.Time, bool) {
	if len(s) < len("2006-01-02T15:04:05Z") || s[16] != ':' {
		return time.Time{}, false
	}
	sec, ok := digits(s[17:19])
	if !ok || sec > 59 {
		return time.Time{}, false
	}
	rest := s[19:]
	nsec := 0
	if rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return time.Time{}, false
		}
		nsec, _ = digits(rest[1:n])
		for k := n; k < 10; k++ {
			nsec *= 10
		}
		rest = rest[n:]
	}
	offset := 0
	switch {
	case rest == "Z":
	case len(rest) == len("+07:00") && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		hh, okh := digits(rest[1:3])
		mm, okm := digits(rest[4:6])
		if !okh || !okm || hh > 23 || mm > 59 {
			return time.Time{}, false
		}
		offset = (hh*60 + mm) * 60
		if rest[0] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	return time.Unix(minute+int64(sec)-int64(offset), int64(nsec)).UTC(), true
}

// digits reads s, decimal digits only, as a number.
func digits(s string) (n int, ok bool) {
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int(d)
	}
	return n, true
}

// daysInMonth is the length of a month of the proleptic Gregorian calendar.
func daysInMonth(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 to the date (Howard
// Hinnant's days_from_civil), for years 0 to 9999.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

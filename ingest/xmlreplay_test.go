package ingest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// logVisitor writes down every call the scanner makes, paths, attributes
// and texts included; it fails the call numbered failAt (from 1) when set,
// as a reader stopping at too many samples does.
type logVisitor struct {
	b      strings.Builder
	calls  int
	failAt int
}

var errVisitorStop = errors.New("visitor stops")

func (l *logVisitor) call() error {
	l.calls++
	if l.calls == l.failAt {
		return errVisitorStop
	}
	return nil
}

func (l *logVisitor) start(path []string, el *xml.StartElement) error {
	fmt.Fprintf(&l.b, "start %q %q", path, el.Name.Local)
	for _, a := range el.Attr {
		fmt.Fprintf(&l.b, " %q=%q", a.Name.Local, a.Value)
	}
	l.b.WriteByte('\n')
	return l.call()
}

func (l *logVisitor) end(path []string, text string) error {
	fmt.Fprintf(&l.b, "end %q %q\n", path, text)
	return l.call()
}

// scanLog scans data with or without replay and gives the visitor's calls,
// the elements replayed and the scan's result.
func scanLog(data []byte, replay bool, lim xmlLimits, failAt int) (log string, replayed int, err error) {
	defer func(was bool) { xmlReplay = was }(xmlReplay)
	xmlReplay = replay
	s := &xmlScanner{}
	v := &logVisitor{failAt: failAt}
	err = s.scan(data, v, lim)
	return v.b.String(), s.replayed, err
}

// replayCases are documents of repeated elements, and ways one repeat can
// differ from the one recorded before it: each must give the visitor the
// calls the scanner gives without replay.
func replayCases() map[string]string {
	const pt = `  <trkpt lat="47.1000000" lon="8.5000000">
   <ele>412.3</ele>
   <time>2026-03-03T07:00:0%dZ</time>
   <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr><gpxtpx:cad>86</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions>
  </trkpt>
`
	doc := func(change func(i int, p string) string) string {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<gpx creator=\"t\">\n <trk><trkseg>\n")
		for i := range 8 {
			p := fmt.Sprintf(pt, i)
			if i == 5 {
				p = change(i, p)
			}
			b.WriteString(p)
		}
		b.WriteString(" </trkseg></trk>\n</gpx>\n")
		return b.String()
	}
	sub := func(old, new string) func(int, string) string {
		return func(_ int, p string) string { return strings.Replace(p, old, new, 1) }
	}
	cases := map[string]string{
		"same":                 doc(func(_ int, p string) string { return p }),
		"no hr":                doc(sub("<gpxtpx:hr>150</gpxtpx:hr>", "")),
		"extra element":        doc(sub("<ele>", "<speed>3.1</speed><ele>")),
		"text only white":      doc(sub("<ele>412.3</ele>", "<ele>  </ele>")),
		"text empty":           doc(sub("<ele>412.3</ele>", "<ele></ele>")),
		"text spaced":          doc(sub("<ele>412.3</ele>", "<ele>\n 412.3 \n</ele>")),
		"text long":            doc(sub("412.3", strings.Repeat("4", 3000))),
		"text too long":        doc(sub("412.3", strings.Repeat("4", 5000))),
		"text entity":          doc(sub("412.3", "412&amp;3")),
		"text cdata end":       doc(sub("412.3", "412]]>3")),
		"text brackets":        doc(sub("412.3", "412]]3")),
		"text unicode":         doc(sub("412.3", "412\u00a0")),
		"text unicode space":   doc(sub("412.3", "\u2003412.3")),
		"text bad utf-8":       doc(sub("412.3", "412\xff")),
		"text control":         doc(sub("412.3", "412\x013")),
		"text cr":              doc(sub("412.3", "412\r3")),
		"text with child":      doc(sub("<ele>412.3</ele>", "<ele>41<b/>2.3</ele>")),
		"text before child":    doc(sub("<ele>412.3</ele>", "<ele>412.3<b/></ele>")),
		"text after child":     doc(sub("<ele>412.3</ele>", "<ele><b/>412.3</ele>")),
		"attr empty":           doc(sub(`lat="47.1000000"`, `lat=""`)),
		"attr single quote":    doc(sub(`lat="47.1000000"`, `lat='47.1000000'`)),
		"attr quote inside":    doc(sub(`lat="47.1000000"`, `lat="47'1"`)),
		"attr lt":              doc(sub(`lat="47.1000000"`, `lat="47<1"`)),
		"attr amp":             doc(sub(`lat="47.1000000"`, `lat="47&amp;1"`)),
		"attr tab":             doc(sub(`lat="47.1000000"`, "lat=\"47\t1\"")),
		"attr long":            doc(sub(`lat="47.1000000"`, `lat="`+strings.Repeat("1", 4000)+`"`)),
		"attr extra":           doc(sub(` lon=`, ` x="1" lon=`)),
		"attr missing":         doc(sub(` lon="8.5000000"`, ``)),
		"indent":               doc(sub("   <ele>", "    <ele>")),
		"end tag spaced":       doc(sub("</ele>", "</ele >")),
		"end tag wrong":        doc(sub("</ele>", "</elf>")),
		"self-closing":         doc(sub("<extensions>", "<extensions><x/>")),
		"comment":              doc(sub("<ele>", "<!-- c --><ele>")),
		"declaration":          doc(sub("<ele>", "<?xml version=\"1.0\"?><ele>")),
		"cut":                  doc(func(_ int, p string) string { return p })[:600],
		"cut in value":         doc(func(_ int, p string) string { return p[:strings.Index(p, "412")+2] }),
		"other name":           doc(sub("trkpt", "trkpx")),
		"all empty tags":       strings.Repeat("<a/>", 3),
		"empty tags in a":      "<r>" + strings.Repeat("<a/>", 5) + "</r>",
		"empty then full":      "<r><a/><a/><a>1</a><a>2</a><a/></r>",
		"nested repeats":       "<r>" + strings.Repeat("<s><p>1</p><p>2</p><p>3</p></s>\n", 4) + "</r>",
		"text between repeats": "<r><a>1</a>x<a>2</a><a>3</a></r>",
		"repeat then text":     "<r><a>1</a><a>2</a><a>3</a>tail</r>",
		"root repeats":         "<a>1</a><a>2</a>",
		"white at the end":     "<a>1</a><a>2</a><a> </a>",
		"text at the end":      "<a>1</a><a>2</a><a> 3</a>",
		"attr at the end":      `<a b="1"/><a b="2"/><a b="3"/>`,
	}
	for name, text := range xmlVariants(makeGPX(20, "running")) {
		cases["makeGPX "+name] = text
	}
	for name, text := range xmlVariants(makeTCX(20, "Running")) {
		cases["makeTCX "+name] = text
	}
	run := synth.RunSpec{Start: time.Date(2026, 3, 3, 7, 0, 0, 0, time.UTC), DistanceKm: 1,
		PaceMinPerKm: 5.5, CadenceSPM: 172, BalanceLeftPct: 50.5, Dynamics: true, Seed: 7}
	for _, f := range []synth.Format{synth.TCX, synth.GPX} {
		data, err := synth.EncodeRunAs(run, f)
		if err != nil {
			panic(err)
		}
		cases["synth "+string(f)] = string(data)
	}
	return cases
}

// TestXMLReplaySameEvents scans documents with and without replay: the
// visitor must get the same calls and the scan the same result, under
// the default limits, under a low text limit, and when the visitor stops
// the scan part way; the documents of repeated track points must be
// replayed.
func TestXMLReplaySameEvents(t *testing.T) {
	lims := map[string]xmlLimits{
		"default": Options{}.xmlLimits(),
		"low text limit": func() xmlLimits {
			l := Options{}.xmlLimits()
			l.maxText = 150
			return l
		}(),
		"shallow": func() xmlLimits {
			l := Options{}.xmlLimits()
			l.maxDepth = 5
			return l
		}(),
	}
	for name, text := range replayCases() {
		for limName, lim := range lims {
			want, _, wantErr := scanLog([]byte(text), false, lim, 0)
			got, replayed, gotErr := scanLog([]byte(text), true, lim, 0)
			if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Errorf("%s, %s limits (%d replayed): calls differ\nreplay: %v\n%.3000s\nscan:   %v\n%.3000s", name, limName, replayed, gotErr, got, wantErr, want)
				continue
			}
			if calls := strings.Count(want, "\n"); calls > 4 && limName == "default" {
				for _, failAt := range []int{calls / 2, calls - 3} {
					want, _, wantErr := scanLog([]byte(text), false, lim, failAt)
					got, _, gotErr := scanLog([]byte(text), true, lim, failAt)
					if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
						t.Errorf("%s, visitor stopping at call %d: calls differ\nreplay: %v\n%.2000s\nscan:   %v\n%.2000s", name, failAt, gotErr, got, wantErr, want)
					}
				}
			}
		}
	}
	// The replay must be taken, or the comparisons above prove nothing.
	for name, wantAtLeast := range map[string]int{"same": 6, "no hr": 3, "makeGPX as written": 18, "makeTCX as written": 18, "synth gpx": 100, "synth tcx": 100, "nested repeats": 3} {
		text := replayCases()[name]
		if _, replayed, err := scanLog([]byte(text), true, Options{}.xmlLimits(), 0); err != nil || replayed < wantAtLeast {
			t.Errorf("%s: %d elements replayed (error %v), want at least %d", name, replayed, err, wantAtLeast)
		}
	}
}

// FuzzXMLReplay mutates documents of repeated elements: with and without
// replay, the scanner must make the same calls and give the same result.
func FuzzXMLReplay(f *testing.F) {
	for _, name := range []string{"same", "nested repeats", "empty then full", "makeTCX as written", "makeGPX as written", "synth gpx"} {
		text := replayCases()[name]
		if len(text) > 1<<14 {
			text = text[:1<<14]
		}
		f.Add([]byte(text), uint16(0))
	}
	f.Add([]byte(replayCases()["same"]), uint16(120))
	f.Fuzz(func(t *testing.T, data []byte, maxText uint16) {
		if len(data) > 1<<16 {
			return
		}
		lim := Options{}.xmlLimits()
		if maxText > 0 {
			lim.maxText = int64(maxText)
		}
		want, _, wantErr := scanLog(data, false, lim, 0)
		got, replayed, gotErr := scanLog(data, true, lim, 0)
		if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("%d replayed: calls differ\nreplay: %v\n%.3000s\nscan:   %v\n%.3000s", replayed, gotErr, got, wantErr, want)
		}
	})
}

// TestXMLPlanSameResult decodes the replay cases as TCX and as GPX with
// the readers' plans (a trackpoint's values in one call) and with the
// replayed calls: the activities and errors must be the same, also when
// the sample limit stops the track part way, and the tracks must be
// planned, or the comparison proves nothing.
func TestXMLPlanSameResult(t *testing.T) {
	cases := replayCases()
	tcxPoint := "<Trackpoint><Time>2026-03-03T07:00:0%dZ</Time><HeartRateBpm><Value>150</Value></HeartRateBpm><Cadence>86</Cadence>%s</Trackpoint>\n"
	tcxDoc := func(extra string, from int) string {
		var b strings.Builder
		b.WriteString("<TrainingCenterDatabase><Activities><Activity Sport=\"Running\"><Id>2026-03-03T07:00:00Z</Id><Lap StartTime=\"2026-03-03T07:00:00Z\"><Track>\n")
		for i := range 8 {
			x := ""
			if i >= from {
				x = extra
			}
			fmt.Fprintf(&b, tcxPoint, i, x)
		}
		b.WriteString("</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n")
		return b.String()
	}
	cases["tcx value outside heart rate"] = tcxDoc("<Extensions><Value>3</Value></Extensions>", 4)
	cases["tcx cadence unreadable"] = tcxDoc("<RunCadence>x</RunCadence>", 4)
	cases["tcx empty values"] = tcxDoc("<AltitudeMeters/><Speed></Speed>", 4)
	cases["tcx nested lap"] = tcxDoc("<Lap><TotalTimeSeconds>3</TotalTimeSeconds></Lap>", 0)
	cases["tcx nested trackpoint"] = tcxDoc("<Trackpoint><Time>2026-03-03T08:00:00Z</Time></Trackpoint>", 0)
	cases["gpx time outside trkpt"] = strings.ReplaceAll(cases["same"], "<gpxtpx:hr>", "<time>2026-03-03T08:00:00Z</time><gpxtpx:hr>")
	cases["gpx lat twice"] = strings.ReplaceAll(cases["same"], ` lon=`, ` lat="1" lon=`)
	decode := func(data []byte, gpx, plans bool, opt Options) (string, int) {
		s := &xmlScanner{}
		xmlPlans = plans
		defer func() { xmlPlans = true }()
		var acts []*Activity
		walk := func(v xmlVisitor) error { return s.scan(data, v, opt.xmlLimits()) }
		emit := func(a *Activity) { acts = append(acts, a) }
		var err error
		if gpx {
			err = decodeGPXWith(walk, "x.gpx", opt, emit)
		} else {
			err = decodeTCXWith(walk, "x.tcx", opt, emit)
		}
		var b strings.Builder
		for _, a := range acts {
			fmt.Fprintf(&b, "%+v\n", *a)
		}
		fmt.Fprintf(&b, "error: %v", err)
		return b.String(), s.planned
	}
	planned := map[string]int{}
	for name, text := range cases {
		for _, gpx := range []bool{false, true} {
			for _, opt := range []Options{{}, {Limits: Limits{MaxRecords: 5}}} {
				want, _ := decode([]byte(text), gpx, false, opt)
				got, n := decode([]byte(text), gpx, true, opt)
				if got != want {
					t.Errorf("%s (GPX %v, %d samples at most): results differ\nplanned: %.1500s\ncalls:   %.1500s", name, gpx, opt.Limits.MaxRecords, got, want)
				}
				if opt.Limits.MaxRecords == 0 {
					planned[fmt.Sprint(name, gpx)] = n
				}
			}
		}
	}
	for name, gpx := range map[string]bool{"synth tcx": false, "makeTCX as written": false, "tcx value outside heart rate": false, "tcx cadence unreadable": false, "tcx empty values": false,
		"synth gpx": true, "makeGPX as written": true, "same": true, "gpx time outside trkpt": true, "gpx lat twice": true} {
		if n := planned[fmt.Sprint(name, gpx)]; n < 3 {
			t.Errorf("%s: %d trackpoints planned, want at least 3", name, n)
		}
	}
	for _, name := range []string{"tcx nested lap", "tcx nested trackpoint"} {
		if n := planned[fmt.Sprint(name, false)]; n != 0 {
			t.Errorf("%s: %d trackpoints planned, want none", name, n)
		}
	}
}

// TestPlainUntil compares plainUntil with a byte-by-byte reading on
// random bytes drawn mostly from the ones it must tell apart, for each
// quote and '<' as the stop byte.
func TestPlainUntil(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pool := []byte("0123456789.-+ aZ&<]\"'\t\x00\x1f\x7f\x80\xff")
	for n := 0; n < 20000; n++ {
		data := make([]byte, rng.IntN(40))
		for j := range data {
			data[j] = pool[rng.IntN(len(pool))]
		}
		for _, stop := range []byte{'<', '"', '\''} {
			i := rng.IntN(len(data) + 1)
			want := -1 // the first byte to stop at among the whole words from i
			for j := i; j < i+(len(data)-i)/8*8; j++ {
				if c := data[j]; c == stop || c < 0x20 || c >= 0x80 || c == '&' || c == '<' || c == ']' {
					want = j
					break
				}
			}
			if got := plainUntil(data, i, stop); got != want {
				t.Fatalf("plainUntil(%q, %d, %q) = %d, want %d", data, i, stop, got, want)
			}
		}
	}
}

// TestNumberUntil checks the track texts' end finder against plainUntil,
// on texts mostly of its own bytes, the bytes just outside them ('+', ',',
// '[', '\\'), the ones it must stop at ('<', ']', '&', controls, non-ASCII)
// and start positions outside the document.
func TestNumberUntil(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	common := []byte("0123456789.-:TZ/AY")
	rare := []byte("<<<+,[\\]&; @aZ\t\n\x00\x1f\x7f\x80\xbf\xff\"")
	fast := 0
	for n := 0; n < 50000; n++ {
		data := make([]byte, rng.IntN(48))
		for j := range data {
			if rng.IntN(6) == 0 {
				data[j] = rare[rng.IntN(len(rare))]
			} else {
				data[j] = common[rng.IntN(len(common))]
			}
		}
		i := rng.IntN(len(data)+2) - 1
		want := plainUntil(data, i, '<')
		if got := numberUntil(data, i); got != want {
			t.Fatalf("numberUntil(%q, %d) = %d, plainUntil's %d", data, i, got, want)
		}
		if want >= 0 && data[want] == '<' {
			fast++
		}
	}
	if fast < 3000 {
		t.Fatalf("only %d cases end at a '<'", fast)
	}
}

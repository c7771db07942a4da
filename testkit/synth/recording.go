package synth

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// Recording is how a watch records a run beyond EncodeRun's one record a
// second: Garmin's smart recording and a pause of the timer. The same run
// written with the same Recording as FIT, TCX and GPX is what a watch and
// its app's exports give: the same points, the device's own totals.
type Recording struct {
	// SmartMaxS > 1 keeps a point every 1 to SmartMaxS seconds (drawn from
	// the spec's seed), as smart recording does; the watch's totals (FIT
	// session, TCX lap) still come from every second.
	SmartMaxS int
	// PauseAtKm > 0 stops the timer when the run reaches that distance for
	// PauseS seconds, while the runner stands still: FIT timer stop/start
	// events, a new TCX <Track>, a new GPX <trkseg>.
	PauseAtKm float64
	PauseS    int
	// StandAtKm > 0 makes the runner stand still, the timer running, for
	// StandS seconds when the run reaches that distance (a traffic light):
	// records every second with speed and cadence 0, which the watch's own
	// session average cadence counts (as a Garmin's does, DOMAIN.md).
	StandAtKm float64
	StandS    int
}

// recorded is a run as the watch holds it: every second (for the totals)
// and the points it keeps.
type recorded struct {
	all    []sample // one a second, times shifted by the pause
	kept   []int    // indices into all of the points written
	resume int      // index into all of the first sample after the pause; 0 without
	pauseS int
}

func record(r RunSpec, rec Recording) recorded {
	ss := simulate(r)
	standFrom, standTo := -1, -1
	if rec.StandAtKm > 0 && rec.StandS > 0 {
		for i, s := range ss {
			if i > 0 && s.distM >= rec.StandAtKm*1000 {
				stood := make([]sample, 0, len(ss)+rec.StandS)
				stood = append(stood, ss[:i+1]...)
				for j := 1; j <= rec.StandS; j++ {
					st := ss[i]
					st.t += j
					st.speedMS, st.cadence = 0, 0
					st.hrBPM -= 0.2 * float64(j)
					stood = append(stood, st)
				}
				for _, rest := range ss[i+1:] {
					rest.t += rec.StandS
					stood = append(stood, rest)
				}
				ss, standFrom, standTo = stood, i+1, i+rec.StandS+1
				break
			}
		}
	}
	out := recorded{all: ss}
	if rec.PauseAtKm > 0 && rec.PauseS > 0 {
		for i, s := range ss {
			if i > 0 && s.distM >= rec.PauseAtKm*1000 {
				out.resume, out.pauseS = i, rec.PauseS
				break
			}
		}
		for i := out.resume; out.resume > 0 && i < len(ss); i++ {
			ss[i].t += rec.PauseS
		}
	}
	rng := rand.New(rand.NewPCG(r.Seed, 0x5a47))
	next := 0
	for i := range ss {
		last := i == len(ss)-1
		standing := i >= standFrom-1 && i <= standTo
		if i == next || last || standing || (out.resume > 0 && (i == out.resume-1 || i == out.resume)) {
			out.kept = append(out.kept, i)
			next = i + 1
			if rec.SmartMaxS > 1 {
				next = i + 1 + rng.IntN(rec.SmartMaxS)
			}
		}
	}
	return out
}

// totals are the watch's whole-run figures, from every second; the timer
// stops for the pause.
func (rc recorded) totals(r RunSpec) totals {
	t := summarise(r, rc.all)
	t.timerS -= float64(rc.pauseS)
	if t.timerS > 0 {
		t.avgSpeed = t.distM / t.timerS
	}
	return t
}

// EncodeRecorded writes run r as format f (FIT, TCX or GPX) the way a watch
// recording with rec, and its app's exports, write it.
func EncodeRecorded(r RunSpec, f Format, rec Recording) ([]byte, error) {
	if err := r.validate(); err != nil {
		return nil, err
	}
	if r.Interval > time.Second {
		return nil, fmt.Errorf("run spec %s: recording needs the one-second simulation", r.Start.Format(time.DateOnly))
	}
	rc := record(r, rec)
	switch f {
	case FIT:
		return rc.fit(r)
	case TCX:
		return rc.tcx(r), nil
	case GPX:
		return rc.gpx(r), nil
	}
	return nil, fmt.Errorf("recording: format %q not supported", f)
}

func (rc recorded) fit(r RunSpec) ([]byte, error) {
	start := r.Start.UTC().Truncate(time.Second)
	at := func(t int) time.Time { return start.Add(time.Duration(t) * time.Second) }
	end := at(rc.all[len(rc.all)-1].t)
	sport, sub := fitSport(r)
	timer := func(ts time.Time, typ typedef.EventType) proto.Message {
		return mesgdef.NewEvent(nil).SetTimestamp(ts).SetEvent(typedef.EventTimer).SetEventType(typ).ToMesg(nil)
	}
	msgs := []proto.Message{
		mesgdef.NewFileId(nil).SetType(typedef.FileActivity).SetManufacturer(typedef.ManufacturerGarmin).
			SetProduct(typedef.GarminProductFr255.Uint16()).SetSerialNumber(deviceSerial).SetTimeCreated(start).ToMesg(nil),
		timer(start, typedef.EventTypeStart),
	}
	for _, i := range rc.kept {
		if rc.resume > 0 && i == rc.resume {
			msgs = append(msgs, timer(at(rc.all[i-1].t+1), typedef.EventTypeStopAll), timer(at(rc.all[i].t), typedef.EventTypeStart))
		}
		msgs = append(msgs, recordMesg(r, rc.all[i], at(rc.all[i].t)))
	}
	t := rc.totals(r)
	msgs = append(msgs, timer(end, typedef.EventTypeStopAll),
		lapMesg(t, 0, start, end, sport, sub, typedef.LapTriggerSessionEnd))
	sess := sessionMesg(t, 1, start, end, sport, sub, rc.all[0])
	elapsed := uint32(math.Round(end.Sub(start).Seconds() * 1000))
	msgs = append(msgs, mesgdef.NewSession(&sess).SetTotalElapsedTime(elapsed).ToMesg(nil),
		mesgdef.NewActivity(nil).SetTimestamp(end).SetTotalTimerTime(uint32(math.Round(t.timerS*1000))).
			SetNumSessions(1).SetType(typedef.ActivityManual).SetEvent(typedef.EventActivity).
			SetEventType(typedef.EventTypeStop).ToMesg(nil))
	var buf bytes.Buffer
	if err := encoder.New(&buf, encoder.WithProtocolVersion(proto.V2)).Encode(&proto.FIT{Messages: msgs}); err != nil {
		return nil, fmt.Errorf("run %s: encoding FIT: %w", r.Start.Format(time.DateOnly), err)
	}
	return buf.Bytes(), nil
}

// stored is point i as the FIT file stores it (the exports carry the same
// values).
func (rc recorded) stored(r RunSpec, i int) sample { return asStored(r, rc.all[i]) }

func (rc recorded) tcx(r RunSpec) []byte {
	start := r.Start.UTC().Truncate(time.Second)
	at := func(t int) string { return start.Add(time.Duration(t) * time.Second).Format("2006-01-02T15:04:05Z") }
	t := rc.totals(r)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
 <Activities>
  <Activity Sport="%s">
   <Id>%s</Id>
   <Lap StartTime="%s">
    <TotalTimeSeconds>%s</TotalTimeSeconds>
    <DistanceMeters>%s</DistanceMeters>
    <AverageHeartRateBpm><Value>%d</Value></AverageHeartRateBpm>
    <MaximumHeartRateBpm><Value>%d</Value></MaximumHeartRateBpm>
    <Intensity>Active</Intensity>
    <TriggerMethod>Manual</TriggerMethod>
    <Track>
`, tcxSport(r), at(0), at(0), f3(t.timerS), f3(t.distM), int(math.Round(t.avgHR)), int(t.maxHR))
	for _, i := range rc.kept {
		if rc.resume > 0 && i == rc.resume {
			b.WriteString("    </Track>\n    <Track>\n") // Garmin starts a new Track after a pause
		}
		s := rc.stored(r, i)
		fmt.Fprintf(&b, "     <Trackpoint><Time>%s</Time>", at(s.t))
		if !math.IsNaN(s.latDeg) {
			fmt.Fprintf(&b, "<Position><LatitudeDegrees>%s</LatitudeDegrees><LongitudeDegrees>%s</LongitudeDegrees></Position>",
				strconv.FormatFloat(s.latDeg, 'f', -1, 64), strconv.FormatFloat(s.lonDeg, 'f', -1, 64))
		}
		fmt.Fprintf(&b, "<AltitudeMeters>%s</AltitudeMeters><DistanceMeters>%s</DistanceMeters><HeartRateBpm><Value>%d</Value></HeartRateBpm>"+
			"<Extensions><ns3:TPX><ns3:Speed>%s</ns3:Speed><ns3:RunCadence>%d</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>\n",
			f3(s.altM), f3(s.distM), int(s.hrBPM), f3(s.speedMS), int(s.cadence))
	}
	b.WriteString("    </Track>\n   </Lap>\n   <Creator><Name>Forerunner 255</Name></Creator>\n  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n")
	return b.Bytes()
}

func (rc recorded) gpx(r RunSpec) []byte {
	start := r.Start.UTC().Truncate(time.Second)
	at := func(t int) string { return start.Add(time.Duration(t) * time.Second).Format(time.RFC3339) }
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata><time>%s</time></metadata>
 <trk>
  <type>running</type>
  <trkseg>
`, at(0))
	for _, i := range rc.kept {
		if rc.resume > 0 && i == rc.resume {
			b.WriteString("  </trkseg>\n  <trkseg>\n")
		}
		s := rc.stored(r, i)
		if math.IsNaN(s.latDeg) {
			continue
		}
		fmt.Fprintf(&b, "   <trkpt lat=\"%s\" lon=\"%s\"><ele>%s</ele><time>%s</time><extensions><gpxtpx:TrackPointExtension>"+
			"<gpxtpx:hr>%d</gpxtpx:hr><gpxtpx:cad>%d</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>\n",
			strconv.FormatFloat(s.latDeg, 'f', 7, 64), strconv.FormatFloat(s.lonDeg, 'f', 7, 64), f3(s.altM), at(s.t), int(s.hrBPM), int(s.cadence))
	}
	b.WriteString("  </trkseg>\n </trk>\n</gpx>\n")
	return b.Bytes()
}

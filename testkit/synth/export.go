package synth

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Format is a file format a run can be written in. The same spec gives the
// same samples in every format, rounded as that format's exporters write
// them, so that a decoder's cost and results can be compared format by
// format on the same runs.
type Format string

// The formats EncodeRunAs writes.
const (
	// FIT is a Garmin-like activity file (EncodeRun).
	FIT Format = "fit"
	// TCX is a Garmin Training Center file as Garmin Connect exports it:
	// one Lap per FIT lap, Trackpoints with position, altitude, distance,
	// heart rate, and speed and RunCadence (strides/min) in the TPX
	// extension.
	TCX Format = "tcx"
	// GPX is a GPX 1.1 track as Strava and Garmin Connect export it:
	// position, elevation and time, heart rate and cadence (strides/min of
	// a run) in Garmin's TrackPointExtension; no distance or speed.
	GPX Format = "gpx"
	// CSV is a per-second CSV as FIT-to-CSV converters write it: one row
	// per record, FIT field names as columns, FIT units (cadence in
	// strides/min plus fractional_cadence, vertical oscillation and step
	// length in mm).
	CSV Format = "csv"
)

// Formats lists the formats a run can be written in.
var Formats = []Format{FIT, TCX, GPX, CSV}

// EncodeRunAs encodes one run in format f.
func EncodeRunAs(r RunSpec, f Format) ([]byte, error) {
	if f == FIT {
		return EncodeRun(r)
	}
	if err := r.validate(); err != nil {
		return nil, err
	}
	ss := simulate(r)
	for i := range ss {
		ss[i] = asStored(r, ss[i])
	}
	switch f {
	case TCX:
		return encodeTCX(r, ss), nil
	case GPX:
		return encodeGPX(r, ss), nil
	case CSV:
		return encodeSampleCSV(r, ss), nil
	}
	return nil, fmt.Errorf("run %s: unknown format %q", r.Start.Format(time.DateOnly), f)
}

// WriteAs encodes every run of the season into dir (created if needed), one
// file per run named as WriteFIT names it with f's extension, and returns
// the paths written in run order.
func (s Season) WriteAs(dir string, f Format) ([]string, error) {
	return s.writeRuns(dir, f, map[string]bool{})
}

// asStored rounds a sample as the FIT file stores it (recordMesg), so that
// the text formats carry the same values as the FIT file of the same run.
func asStored(r RunSpec, s sample) sample {
	s.distM = math.Round(s.distM*100) / 100
	s.speedMS = math.Round(s.speedMS*1000) / 1000
	s.hrBPM = math.Round(s.hrBPM)
	s.altM = math.Round((s.altM+500)*5)/5 - 500
	if !math.IsNaN(s.latDeg) {
		s.latDeg = float64(semicircles(s.latDeg)) * 180 / (1 << 31)
		s.lonDeg = float64(semicircles(s.lonDeg)) * 180 / (1 << 31)
	}
	cad := s.cadence
	if r.IsRun() {
		cad /= 2
	}
	whole, frac := splitCadence(cad)
	s.cadence = float64(whole) + float64(frac)/128 // strides/min (runs) or rpm
	if r.Dynamics && r.IsRun() {
		s.stanceMs = math.Round(s.stanceMs*10) / 10
		s.balanceL = math.Round(s.balanceL*100) / 100
		s.vertOscCm = math.Round(s.vertOscCm*100) / 100
		s.vertRatio = math.Round(s.vertRatio*100) / 100
		s.stepLenM = math.Round(s.stepLenM*10000) / 10000
	}
	return s
}

// tcxSport names the spec's sport as TCX's Sport attribute does.
func tcxSport(r RunSpec) string {
	if r.IsRun() {
		return "Running"
	}
	return "Biking"
}

func encodeTCX(r RunSpec, ss []sample) []byte {
	start := r.Start.UTC().Truncate(time.Second)
	at := func(t int) string {
		return start.Add(time.Duration(t) * time.Second).Format("2006-01-02T15:04:05.000Z")
	}
	var b bytes.Buffer
	b.Grow(len(ss) * 520)
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd" xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2" xmlns:ns2="http://www.garmin.com/xmlschemas/UserProfile/v2" xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns4="http://www.garmin.com/xmlschemas/ProfileExtension/v1">
  <Activities>
    <Activity Sport="%s">
      <Id>%s</Id>
`, tcxSport(r), at(0))
	for _, l := range lapRanges(r, ss) {
		part := ss[l[0] : l[1]+1]
		t := summarise(r, part)
		fmt.Fprintf(&b, `      <Lap StartTime="%s">
        <TotalTimeSeconds>%s</TotalTimeSeconds>
        <DistanceMeters>%s</DistanceMeters>
        <MaximumSpeed>%s</MaximumSpeed>
        <Calories>%d</Calories>
        <AverageHeartRateBpm>
          <Value>%d</Value>
        </AverageHeartRateBpm>
        <MaximumHeartRateBpm>
          <Value>%d</Value>
        </MaximumHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
`, at(part[0].t), f3(t.timerS), f3(t.distM), f3(t.maxSpeed), int(math.Round(t.distM/1000*68)), int(math.Round(t.avgHR)), int(t.maxHR))
		for _, s := range part {
			b.WriteString("          <Trackpoint>\n            <Time>")
			b.WriteString(at(s.t))
			b.WriteString("</Time>\n")
			if !math.IsNaN(s.latDeg) {
				b.WriteString("            <Position>\n              <LatitudeDegrees>")
				b.WriteString(strconv.FormatFloat(s.latDeg, 'f', -1, 64))
				b.WriteString("</LatitudeDegrees>\n              <LongitudeDegrees>")
				b.WriteString(strconv.FormatFloat(s.lonDeg, 'f', -1, 64))
				b.WriteString("</LongitudeDegrees>\n            </Position>\n")
			}
			fmt.Fprintf(&b, "            <AltitudeMeters>%s</AltitudeMeters>\n", f3(s.altM))
			fmt.Fprintf(&b, "            <DistanceMeters>%s</DistanceMeters>\n", f3(s.distM))
			fmt.Fprintf(&b, "            <HeartRateBpm>\n              <Value>%d</Value>\n            </HeartRateBpm>\n", int(s.hrBPM))
			if !r.IsRun() {
				fmt.Fprintf(&b, "            <Cadence>%d</Cadence>\n", int(s.cadence))
			}
			b.WriteString("            <Extensions>\n              <ns3:TPX>\n                <ns3:Speed>")
			b.WriteString(f3(s.speedMS))
			b.WriteString("</ns3:Speed>\n")
			if r.IsRun() {
				fmt.Fprintf(&b, "                <ns3:RunCadence>%d</ns3:RunCadence>\n", int(s.cadence))
			}
			b.WriteString("              </ns3:TPX>\n            </Extensions>\n          </Trackpoint>\n")
		}
		b.WriteString("        </Track>\n      </Lap>\n")
	}
	fmt.Fprintf(&b, `      <Creator xsi:type="Device_t">
        <Name>Forerunner 255</Name>
        <UnitId>%d</UnitId>
        <ProductID>3992</ProductID>
        <Version>
          <VersionMajor>%d</VersionMajor>
          <VersionMinor>%d</VersionMinor>
          <BuildMajor>0</BuildMajor>
          <BuildMinor>0</BuildMinor>
        </Version>
      </Creator>
    </Activity>
  </Activities>
</TrainingCenterDatabase>
`, deviceSerial, deviceSoftware/100, deviceSoftware%100)
	return b.Bytes()
}

func encodeGPX(r RunSpec, ss []sample) []byte {
	start := r.Start.UTC().Truncate(time.Second)
	at := func(t int) string { return start.Add(time.Duration(t) * time.Second).Format(time.RFC3339) }
	typ := "running"
	if !r.IsRun() {
		typ = "cycling"
	}
	kind := r.Kind
	if kind == "" {
		kind = "run"
	}
	var b bytes.Buffer
	b.Grow(len(ss) * 260)
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd http://www.garmin.com/xmlschemas/GpxExtensions/v3 http://www.garmin.com/xmlschemas/GpxExtensionsv3.xsd http://www.garmin.com/xmlschemas/TrackPointExtension/v1 http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" xmlns:gpxx="http://www.garmin.com/xmlschemas/GpxExtensions/v3">
 <metadata>
  <time>%s</time>
 </metadata>
 <trk>
  <name>%s</name>
  <type>%s</type>
  <trkseg>
`, at(0), strings.ToUpper(kind[:1])+kind[1:], typ)
	for _, s := range ss {
		if math.IsNaN(s.latDeg) {
			continue // a GPX point is a position
		}
		fmt.Fprintf(&b, `   <trkpt lat="%s" lon="%s">
    <ele>%s</ele>
    <time>%s</time>
    <extensions>
     <gpxtpx:TrackPointExtension>
      <gpxtpx:hr>%d</gpxtpx:hr>
      <gpxtpx:cad>%d</gpxtpx:cad>
     </gpxtpx:TrackPointExtension>
    </extensions>
   </trkpt>
`, strconv.FormatFloat(s.latDeg, 'f', 7, 64), strconv.FormatFloat(s.lonDeg, 'f', 7, 64), f3(s.altM), at(s.t), int(s.hrBPM), int(s.cadence))
	}
	b.WriteString("  </trkseg>\n </trk>\n</gpx>\n")
	return b.Bytes()
}

// sampleCSVHeader is the header of the per-second CSV.
const sampleCSVHeader = "timestamp,distance,enhanced_speed,heart_rate,cadence,fractional_cadence,enhanced_altitude,position_lat,position_long," +
	"stance_time,stance_time_balance,vertical_oscillation,vertical_ratio,step_length\n"

func encodeSampleCSV(r RunSpec, ss []sample) []byte {
	start := r.Start.UTC().Truncate(time.Second)
	var b bytes.Buffer
	b.Grow(len(ss) * 140)
	b.WriteString(sampleCSVHeader)
	num := func(v float64, prec int) {
		b.WriteByte(',')
		if !math.IsNaN(v) {
			b.WriteString(strconv.FormatFloat(v, 'f', prec, 64))
		}
	}
	dyn := r.Dynamics && r.IsRun()
	for _, s := range ss {
		b.WriteString(start.Add(time.Duration(s.t) * time.Second).Format(time.RFC3339))
		num(s.distM, 2)
		num(s.speedMS, 3)
		num(s.hrBPM, 0)
		whole := math.Floor(s.cadence)
		num(whole, 0)
		num(s.cadence-whole, 7)
		num(s.altM, 1)
		num(s.latDeg, -1)
		num(s.lonDeg, -1)
		if dyn {
			num(s.stanceMs, 1)
			num(s.balanceL, 2)
			num(s.vertOscCm*10, 1) // mm
			num(s.vertRatio, 2)
			num(s.stepLenM*1000, 1) // mm
		} else {
			b.WriteString(",,,,,")
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// f3 formats v with at most three decimals, as Garmin's exports do.
func f3(v float64) string { return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64) }

package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// FIT record field numbers (FIT profile 21.x, record message 20) that
// itbcheck reads. Scale and offset come from the decoder's field profile
// (proto.FieldBase), which matches profile/mesgdef/record_gen.go.
const (
	fitPositionLat         = 0   // sint32 semicircles
	fitPositionLong        = 1   // sint32 semicircles
	fitAltitude            = 2   // uint16, scale 5, offset 500, m
	fitHeartRate           = 3   // uint8 bpm
	fitCadence             = 4   // uint8 strides/min when running, rpm when cycling
	fitDistance            = 5   // uint32, scale 100, m
	fitSpeed               = 6   // uint16, scale 1000, m/s
	fitPower               = 7   // uint16 W
	fitVerticalOscillation = 39  // uint16, scale 10, mm
	fitStanceTime          = 41  // uint16, scale 10, ms
	fitFractionalCadence   = 53  // uint8, scale 128, strides/min or rpm
	fitEnhancedSpeed       = 73  // uint32, scale 1000, m/s
	fitEnhancedAltitude    = 78  // uint32, scale 5, offset 500, m
	fitVerticalRatio       = 83  // uint16, scale 100, %
	fitStanceTimeBalance   = 84  // uint16, scale 100, % on the left foot
	fitStepLength          = 85  // uint16, scale 10, mm
	fitTimestamp           = 253 // uint32 s since the FIT epoch
)

// semicircleDeg converts FIT semicircles to degrees.
const semicircleDeg = 180.0 / (1 << 31)

// maxLocalOffset bounds a plausible UTC offset (UTC+14 is the largest).
const maxLocalOffset = 15 * time.Hour

// decodeFIT reads every FIT sequence of a (possibly chained) FIT stream and
// emits one Activity per session. A file of up to fastFITMaxBytes is read
// whole and, when it is an ordinary one, decoded by the fast path of
// fit_fast.go; anything else streams through decodeFITStream, where records
// pass through a message listener and nothing but the activity being built
// is held in memory.
func decodeFIT(r io.Reader, name string, opt Options, emit emitFunc) error {
	lim := opt.limits()
	zeros := &zeroGuard{r: r}
	r = zeros
	data, complete, release, rerr := readWhole(r, fastFITMaxBytes)
	defer release()
	if zeros.err != nil {
		return zeros.err
	}
	// A file over limits.max_file_mb takes the ordinary path, which says so
	// (its header check); the fast path has no such check of its own.
	if complete && int64(len(data)) <= lim.MaxFileBytes {
		g := newFITGuard(lim)
		if acts, ok := decodeFITFastFile(data, name, opt, g); ok {
			for _, a := range acts {
				emit(a)
			}
			if len(acts) == 0 {
				return g.noActivity()
			}
			return nil
		}
	}
	// The ordinary path reads the same bytes again, then the rest of r (or
	// the error that stopped the reading).
	rest := r
	if rerr != nil {
		rest = errReader{rerr}
	}
	err := decodeFITStream(io.MultiReader(bytes.NewReader(data), rest), name, opt, emit)
	if zeros.err != nil {
		return zeros.err // whatever the decoder made of the cut
	}
	return err
}

// decodeFITStream is the ordinary path: muktihari/fit's decoder with
// fitSequence as its message listener, one FIT sequence after another.
func decodeFITStream(r io.Reader, name string, opt Options, emit emitFunc) error {
	lim := opt.limits()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	g := newFITGuard(lim)
	g.cancel = cancel
	seq := &fitSequence{maxRecords: lim.MaxRecords, cancel: cancel, guard: g}
	cr := newFITCRCReader(r)
	emitted := 0
	inner := emit
	emit = func(a *Activity) { emitted++; inner(a) }
	dec := decoder.New(cr, decoder.WithMesgListener(seq), decoder.WithBroadcastOnly(), decoder.WithIgnoreChecksum())

	done := 0
	for dec.Next() {
		hdr, err := dec.PeekFileHeader()
		if err != nil && cr.n == 0 {
			return fmt.Errorf("%w: no FIT data", ErrEmpty)
		}
		if err != nil {
			if done > 0 && (errors.Is(err, decoder.ErrNotFITFile) || errors.Is(err, io.ErrUnexpectedEOF)) {
				return nil // trailing bytes after complete FIT data: ignored
			}
			return fitError(err, done, 0)
		}
		if int64(hdr.DataSize) > lim.MaxFileBytes {
			return fmt.Errorf("%w: FIT header declares %d bytes of data, limit %d", ErrTooLarge, hdr.DataSize, lim.MaxFileBytes)
		}
		seq.reset()
		_, err = dec.DecodeWithContext(ctx)
		if g.err != nil {
			return g.err
		}
		if seq.tooMany {
			return fmt.Errorf("%w: more than %d records in one FIT file", ErrTooLarge, lim.MaxRecords)
		}
		if err != nil {
			// As the official SDK does, a cut or damaged file yields what
			// was read before the damage: its records and, when it came
			// first (Strava writes it first), the session.
			ferr := fitError(err, done, seq.records)
			if errors.Is(ferr, ErrTruncated) || errors.Is(ferr, ErrCorrupt) {
				what := "file truncated"
				if errors.Is(ferr, ErrCorrupt) {
					what = "file damaged"
				}
				for _, a := range seq.activities(name, opt) {
					a.Notes = append(a.Notes, fmt.Sprintf("%s: kept the %d complete records before the damage", what, seq.records))
					emit(a)
				}
			}
			return ferr
		}
		if ok, known := cr.sequenceOK(done); known && !ok {
			return fmt.Errorf("%w: crc checksum mismatch in FIT sequence %d (damaged file, not read)", ErrCorrupt, done+1)
		}
		for _, a := range seq.activities(name, opt) {
			emit(a)
		}
		done++
	}
	if done == 0 {
		return fmt.Errorf("%w: no FIT data", ErrEmpty)
	}
	if emitted == 0 {
		return g.noActivity()
	}
	return nil
}

// errReader returns its error on every read.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// fitError classifies a decoder error into one lower-case line wrapping an
// ingest error class. seqs is the number of complete FIT sequences before
// it, records the records read from the failing one.
func fitError(err error, seqs, records int) error {
	switch {
	case errors.Is(err, decoder.ErrCRCChecksumMismatch):
		return fmt.Errorf("%w: crc checksum mismatch in FIT sequence %d (damaged file, not read)", ErrCorrupt, seqs+1)
	case errors.Is(err, decoder.ErrNotFITFile):
		if seqs == 0 && records == 0 {
			return fmt.Errorf("%w: not a FIT file (bad header)", ErrUnsupported)
		}
		return fmt.Errorf("%w: bad FIT header in sequence %d", ErrCorrupt, seqs+1)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		if seqs == 0 && records == 0 {
			return fmt.Errorf("%w: FIT data ends before its first record", ErrTruncated)
		}
		return fmt.Errorf("%w: FIT data ends after %d records", ErrTruncated, records)
	case errors.Is(err, decoder.ErrMesgDefMissing):
		return fmt.Errorf("%w: FIT message without definition after %d records", ErrCorrupt, records)
	}
	return fmt.Errorf("%w: malformed FIT data after %d records (%s)", ErrCorrupt, records, oneLine(err))
}

// oneLine lower-cases the first letter of an error and keeps it on one line.
func oneLine(err error) string {
	s := strings.ReplaceAll(err.Error(), "\n", " ")
	return strings.ToLower(s[:min(1, len(s))]) + s[min(1, len(s)):]
}

// fitDevField is a developer field described by a field_description message.
type fitDevField struct {
	name     string
	scale    float64
	offset   float64
	isPower  bool              // maps into Samples.PowerW
	baseType basetype.BaseType // how its values are stored (the fast path unmarshals them)
	// ord counts the field descriptions of the sequence before this one:
	// the fast path gives a record only the fields described before it,
	// as the decoder does.
	ord int
}

// fitSession is what a session message says about one activity.
type fitSession struct {
	start, end uint32 // FIT timestamps; end is 0 when unknown
	sport      typedef.Sport
	subSport   typedef.SubSport
	summary    Summary // AvgCadenceSPM still in strides (or rpm)
}

// fitLap is one lap message.
type fitLap struct {
	start            uint32
	timerS, distance float64
	sport            typedef.Sport
	subSport         typedef.SubSport
}

// fitSequence gathers one FIT sequence's messages as the decoder streams
// them. It implements decoder.MesgListener.
type fitSequence struct {
	maxRecords int
	cancel     context.CancelFunc
	tooMany    bool
	guard      *fitGuard // the file's limits beyond records; shared by its sequences

	device      Device
	samples     Samples  // CadenceSPM holds strides/min (or rpm) until emission
	times       []uint32 // FIT timestamp of each sample
	lastTime    uint32
	records     int
	sessions    []fitSession
	laps        []fitLap
	sport       typedef.Sport // from a sport message, for files without sessions
	subSport    typedef.SubSport
	hasSport    bool
	localOffset time.Duration
	hasLocal    bool
	devFields   map[uint16]*fitDevField // by developer data index << 8 | field number
	devDescs    int                     // field descriptions read
	devNames    []string
	devPower    bool     // some record took its power from a developer field
	sensors     []sensor // step sensors named by device_info or developer data
	// resumeTimes are the FIT timestamps of timer starts after a stop
	// (the device's pauses); stopped is set between a stop and a start.
	resumeTimes []uint32
	stopped     bool
}

// reset prepares for a new FIT sequence.
func (s *fitSequence) reset() {
	*s = fitSequence{maxRecords: s.maxRecords, cancel: s.cancel, guard: s.guard}
}

// OnMesg receives each decoded message; mesg is only valid during the call.
func (s *fitSequence) OnMesg(mesg proto.Message) {
	if !s.guard.message() {
		return
	}
	switch mesg.Num {
	case mesgnum.Record:
		s.onRecord(&mesg)
	case mesgnum.FileId:
		s.onFileID(&mesg)
	case mesgnum.DeviceInfo:
		s.onDeviceInfo(&mesg)
	case mesgnum.DeveloperDataId:
		if mesgdef.NewDeveloperDataId(&mesg).ManufacturerId == typedef.ManufacturerStryd {
			s.sensors = addSensor(s.sensors, sensor{kind: SourceFootpod, device: Device{Manufacturer: "stryd"}})
		}
	case mesgnum.Session:
		s.onSession(&mesg)
	case mesgnum.Lap:
		if !s.guard.lap() {
			return
		}
		l := mesgdef.NewLap(&mesg)
		s.laps = append(s.laps, fitLap{
			start:    fitTime(l.StartTime),
			timerS:   validOr(l.TotalTimerTimeScaled()),
			distance: validOr(l.TotalDistanceScaled()),
			sport:    l.Sport,
			subSport: l.SubSport,
		})
	case mesgnum.Activity:
		a := mesgdef.NewActivity(&mesg)
		if !a.Timestamp.IsZero() && !a.LocalTimestamp.IsZero() {
			off := a.LocalTimestamp.Sub(a.Timestamp)
			if off > -maxLocalOffset && off < maxLocalOffset {
				s.localOffset, s.hasLocal = off, true
			}
		}
	case mesgnum.Event:
		s.onEvent(&mesg)
	case mesgnum.Sport:
		sp := mesgdef.NewSport(&mesg)
		s.sport, s.subSport, s.hasSport = sp.Sport, sp.SubSport, true
	case mesgnum.FieldDescription:
		s.onFieldDescription(&mesg)
	}
}

// onEvent follows the timer: a start after a stop ends a device pause.
func (s *fitSequence) onEvent(mesg *proto.Message) {
	e := mesgdef.NewEvent(mesg)
	if e.Event != typedef.EventTimer {
		return
	}
	switch e.EventType {
	case typedef.EventTypeStop, typedef.EventTypeStopAll, typedef.EventTypeStopDisable, typedef.EventTypeStopDisableAll:
		s.stopped = true
	case typedef.EventTypeStart:
		if s.stopped && !e.Timestamp.IsZero() {
			s.resumeTimes = append(s.resumeTimes, fitTime(e.Timestamp))
		}
		s.stopped = false
	}
}

// resumes gives the samples of [from, to) recorded first after a device
// pause, as indices from from.
func (s *fitSequence) resumes(from, to int) []int {
	var out []int
	j := from
	for _, rt := range s.resumeTimes {
		for j < to && s.times[j] < rt {
			j++
		}
		if j > from && j < to && (len(out) == 0 || out[len(out)-1] != j-from) {
			out = append(out, j-from)
		}
	}
	return out
}

func (s *fitSequence) onFileID(mesg *proto.Message) {
	id := mesgdef.NewFileId(mesg)
	if s.guard != nil {
		s.guard.fileType, s.guard.hasFileType = id.Type, true
	}
	if id.Manufacturer != typedef.ManufacturerInvalid {
		s.device.Manufacturer = typedefName(id.Manufacturer.String(), uint64(id.Manufacturer))
	}
	if id.Product != basetype.Uint16Invalid {
		_, v := id.GetProduct()
		if st, ok := v.(fmt.Stringer); ok {
			s.device.Product = typedefName(st.String(), uint64(id.Product))
		} else {
			s.device.Product = strconv.Itoa(int(id.Product))
		}
	}
	if id.ProductName != "" {
		s.device.Name = id.ProductName
	}
}

// onDeviceInfo reads one device_info message: the creator's product name
// when file_id has none, and every step sensor (strap, pod, footpod).
func (s *fitSequence) onDeviceInfo(mesg *proto.Message) {
	di := mesgdef.NewDeviceInfo(mesg)
	if di.DeviceIndex == typedef.DeviceIndexCreator {
		if s.device.Name == "" && di.ProductName != "" {
			s.device.Name = di.ProductName
		}
		return
	}
	kind := fitSensorKind(di.Manufacturer, di.Product, di.DeviceType, di.ProductName)
	if kind == "" {
		return
	}
	d := Device{Name: di.ProductName}
	if di.Manufacturer != typedef.ManufacturerInvalid {
		d.Manufacturer = typedefName(di.Manufacturer.String(), uint64(di.Manufacturer))
	}
	if di.Product != basetype.Uint16Invalid {
		if di.Manufacturer == typedef.ManufacturerGarmin || di.Manufacturer == typedef.ManufacturerDynastream || di.Manufacturer == typedef.ManufacturerDynastreamOem {
			d.Product = typedefName(typedef.GarminProduct(di.Product).String(), uint64(di.Product))
		} else {
			d.Product = strconv.Itoa(int(di.Product))
		}
	}
	s.sensors = addSensor(s.sensors, sensor{kind: kind, device: d})
}

// typedefName is the profile's name of a value, or the number when the
// profile does not know it.
func typedefName(name string, num uint64) string {
	if strings.Contains(name, "Invalid(") {
		return strconv.FormatUint(num, 10)
	}
	return name
}

func (s *fitSequence) onFieldDescription(mesg *proto.Message) {
	fd := mesgdef.NewFieldDescription(mesg)
	name := strings.TrimSpace(strings.Join(fd.FieldName, " "))
	if name == "" {
		name = fmt.Sprintf("developer field %d/%d", fd.DeveloperDataIndex, fd.FieldDefinitionNumber)
	}
	df := &fitDevField{name: name, scale: 1, baseType: fd.FitBaseTypeId, ord: s.devDescs}
	s.devDescs++
	if fd.Scale != basetype.Uint8Invalid && fd.Scale != 0 {
		df.scale = float64(fd.Scale)
	}
	if fd.Offset != basetype.Sint8Invalid {
		df.offset = float64(fd.Offset)
	}
	df.isPower = strings.EqualFold(name, "power") ||
		(fd.NativeMesgNum == mesgnum.Record && fd.NativeFieldNum == fitPower)
	if s.devFields == nil {
		s.devFields = map[uint16]*fitDevField{}
	}
	s.devFields[uint16(fd.DeveloperDataIndex)<<8|uint16(fd.FieldDefinitionNumber)] = df
	for _, n := range s.devNames {
		if n == name {
			return
		}
	}
	s.devNames = append(s.devNames, name)
}

func (s *fitSequence) onSession(mesg *proto.Message) {
	if !s.guard.session() {
		return
	}
	m := mesgdef.NewSession(mesg)
	sess := fitSession{sport: m.Sport, subSport: m.SubSport, summary: EmptySummary()}
	sess.start = fitTime(m.StartTime)
	elapsed := validOr(m.TotalElapsedTimeScaled())
	switch {
	case sess.start != 0 && !math.IsNaN(elapsed):
		sess.end = sess.start + uint32(math.Ceil(elapsed))
	case !m.Timestamp.IsZero():
		sess.end = fitTime(m.Timestamp)
	}
	sum := &sess.summary
	sum.DurationS = validOr(m.TotalTimerTimeScaled())
	sum.ElapsedS = elapsed
	sum.DistanceM = validOr(m.TotalDistanceScaled())
	sum.AvgSpeedMS = validOr(m.EnhancedAvgSpeedScaled())
	if math.IsNaN(sum.AvgSpeedMS) {
		sum.AvgSpeedMS = validOr(m.AvgSpeedScaled())
	}
	if m.AvgCadence != basetype.Uint8Invalid {
		sum.AvgCadenceSPM = float64(m.AvgCadence)
		if frac := validOr(m.AvgFractionalCadenceScaled()); !math.IsNaN(frac) {
			sum.AvgCadenceSPM += frac
		}
	}
	sum.AvgHeartRateBPM = validUint8(m.AvgHeartRate)
	sum.MaxHeartRateBPM = validUint8(m.MaxHeartRate)
	sum.AvgStanceTimeMs = validOr(m.AvgStanceTimeScaled())
	sum.AvgBalanceLeftPct = validOr(m.AvgStanceTimeBalanceScaled())
	sum.AvgVertOscCm = validOr(m.AvgVerticalOscillationScaled()) / 10
	sum.AvgVertRatioPct = validOr(m.AvgVerticalRatioScaled())
	sum.AvgStepLengthM = validOr(m.AvgStepLengthScaled()) / 1000
	if m.AvgPower != basetype.Uint16Invalid {
		sum.AvgPowerW = float64(m.AvgPower)
	}
	if m.TotalAscent != basetype.Uint16Invalid {
		sum.AscentM = float64(m.TotalAscent)
	}
	if m.TotalDescent != basetype.Uint16Invalid {
		sum.DescentM = float64(m.TotalDescent)
	}
	sum.RPE, sum.Feel = fitEffort(m)
	s.sessions = append(s.sessions, sess)
}

// onRecord appends one sample. Only the fields itbcheck uses are read,
// straight from the message, so a record costs no allocation beyond the
// growth of the sample slices.
func (s *fitSequence) onRecord(mesg *proto.Message) {
	s.records++
	if s.records > s.maxRecords {
		if !s.tooMany {
			s.tooMany = true
			s.cancel()
		}
		return
	}
	p := EmptySample()
	speed, alt := math.NaN(), math.NaN()
	frac := math.NaN()
	ts := s.lastTime
	for i := range mesg.Fields {
		f := &mesg.Fields[i]
		switch f.Num {
		case fitTimestamp:
			if t := f.Value.Uint32(); t != basetype.Uint32Invalid {
				ts = t
			}
		case fitPositionLat:
			p.LatDeg = fieldRaw(f) * semicircleDeg
		case fitPositionLong:
			p.LonDeg = fieldRaw(f) * semicircleDeg
		case fitAltitude:
			alt = fieldScaled(f)
		case fitEnhancedAltitude:
			p.AltitudeM = fieldScaled(f)
		case fitHeartRate:
			p.HeartRateBPM = fieldScaled(f)
		case fitCadence:
			p.CadenceSPM = fieldScaled(f)
		case fitFractionalCadence:
			frac = fieldScaled(f)
		case fitDistance:
			p.DistanceM = fieldScaled(f)
		case fitSpeed:
			speed = fieldScaled(f)
		case fitEnhancedSpeed:
			p.SpeedMS = fieldScaled(f)
		case fitPower:
			p.PowerW = fieldScaled(f)
		case fitVerticalOscillation:
			p.VertOscCm = fieldScaled(f) / 10
		case fitStanceTime:
			p.StanceTimeMs = fieldScaled(f)
		case fitVerticalRatio:
			p.VertRatioPct = fieldScaled(f)
		case fitStanceTimeBalance:
			p.BalanceLeftPct = fieldScaled(f)
		case fitStepLength:
			p.StepLengthM = fieldScaled(f) / 1000
		}
	}
	if math.IsNaN(p.SpeedMS) {
		p.SpeedMS = speed
	}
	if math.IsNaN(p.AltitudeM) {
		p.AltitudeM = alt
	}
	if !math.IsNaN(p.CadenceSPM) && !math.IsNaN(frac) {
		p.CadenceSPM += frac
	}
	if math.IsNaN(p.PowerW) && len(mesg.DeveloperFields) > 0 {
		p.PowerW = s.devPowerOf(mesg.DeveloperFields)
	}
	s.lastTime = ts
	s.times = append(s.times, ts)
	s.samples.Append(p)
}

// devPowerOf is the power a developer field of a record gives, NaN when
// none of them is power.
func (s *fitSequence) devPowerOf(fields []proto.DeveloperField) float64 {
	for i := range fields {
		df := s.devFields[uint16(fields[i].DeveloperDataIndex)<<8|uint16(fields[i].Num)]
		if df == nil || !df.isPower {
			continue
		}
		v, ok := numeric(fields[i].Value)
		if !ok {
			continue
		}
		s.devPower = true
		return v/df.scale - df.offset
	}
	return math.NaN()
}

// fieldRaw is a field's stored number, NaN when it holds the invalid value.
func fieldRaw(f *proto.Field) float64 {
	if !f.Value.Valid(f.BaseType) {
		return math.NaN()
	}
	v, ok := numeric(f.Value)
	if !ok {
		return math.NaN()
	}
	return v
}

// fieldScaled is a field's value after the profile's scale and offset.
func fieldScaled(f *proto.Field) float64 {
	v := fieldRaw(f)
	scale := f.Scale
	if scale == 0 {
		scale = 1
	}
	return v/scale - f.Offset
}

// numeric converts a single numeric value; ok is false for slices,
// strings and invalid floats.
func numeric(v proto.Value) (float64, bool) {
	var x float64
	switch v.Type() {
	case proto.TypeInt8:
		x = float64(v.Int8())
	case proto.TypeUint8:
		x = float64(v.Uint8())
	case proto.TypeInt16:
		x = float64(v.Int16())
	case proto.TypeUint16:
		x = float64(v.Uint16())
	case proto.TypeInt32:
		x = float64(v.Int32())
	case proto.TypeUint32:
		x = float64(v.Uint32())
	case proto.TypeInt64:
		x = float64(v.Int64())
	case proto.TypeUint64:
		x = float64(v.Uint64())
	case proto.TypeFloat32:
		x = float64(v.Float32())
	case proto.TypeFloat64:
		x = v.Float64()
	default:
		return math.NaN(), false
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN(), false
	}
	return x, true
}

// validOr turns the library's invalid float (a NaN bit pattern) into NaN.
func validOr(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

func validUint8(v uint8) float64 {
	if v == basetype.Uint8Invalid {
		return math.NaN()
	}
	return float64(v)
}

// fitTime is t as seconds since the FIT epoch, 0 when t is zero.
func fitTime(t time.Time) uint32 {
	if t.IsZero() {
		return 0
	}
	return uint32(t.Sub(fitEpoch) / time.Second)
}

// activities builds one Activity per session of the sequence (one for
// all records when the file has no session message).
func (s *fitSequence) activities(name string, opt Options) []*Activity {
	sessions := s.sessions
	if len(sessions) == 0 {
		if s.records == 0 {
			return nil
		}
		sess := fitSession{summary: EmptySummary()}
		sess.sport, sess.subSport = s.sessionlessSport()
		sessions = []fitSession{sess}
	}
	bounds := s.splitRecords(sessions)
	acts := make([]*Activity, 0, len(sessions))
	for i, sess := range sessions {
		a := s.activity(name, opt, sess, bounds[i][0], bounds[i][1], len(s.sessions) == 0)
		next := len(s.times)
		if i+1 < len(sessions) {
			next = bounds[i+1][0]
		}
		if out := next - bounds[i][1]; out == 1 {
			a.Notes = append(a.Notes, "1 record after the session's end left out")
		} else if out > 1 {
			a.Notes = append(a.Notes, fmt.Sprintf("%d records after the session's end left out", out))
		}
		acts = append(acts, a)
	}
	if n := s.samples.Len(); n > 0 && !slices.ContainsFunc(bounds, func(b [2]int) bool { return b[0] == 0 && b[1] == n }) {
		for _, v := range s.samples.channels() {
			if len(*v) != n {
				return acts // a channel of its own length may have been handed on whole
			}
		}
		s.samples.Recycle() // every activity has its copy: the next file reuses the whole
	}
	return acts
}

// splitRecords gives the sample range [from, to) of each session: records
// are in time order, so each session is a contiguous run. A record belongs
// to the last session started at or before it, up to the session's end (start + elapsed
// time, as the official SDK counts a session's records): records after it
// and before the next session belong to none.
func (s *fitSequence) splitRecords(sessions []fitSession) [][2]int {
	bounds := make([][2]int, len(sessions))
	n := len(s.times)
	j := 0
	for i, sess := range sessions {
		begin := sess.began()
		for j < n && begin != 0 && float64(s.times[j]) < begin {
			j++
		}
		to := n
		for k := i + 1; k < len(sessions); k++ { // the next session that knows its start ends this one
			if next := sessions[k].began(); next != 0 {
				for to = j; to < n && float64(s.times[to]) < next; to++ {
				}
				break
			}
		}
		if begin != 0 && !math.IsNaN(sess.summary.ElapsedS) {
			end := begin + sess.summary.ElapsedS
			for to > j && float64(s.times[to-1]) > end {
				to--
			}
		}
		bounds[i] = [2]int{j, to}
		j = to
	}
	return bounds
}

// began is when the session started, as a FIT timestamp: its start_time,
// else its end (timestamp) minus its elapsed time; 0 when unknown. A
// session without start_time still takes its first record's time as its
// start (activity); this only places it among the records.
func (sess fitSession) began() float64 {
	switch {
	case sess.start != 0:
		return float64(sess.start)
	case sess.end != 0 && !math.IsNaN(sess.summary.ElapsedS):
		return float64(sess.end) - sess.summary.ElapsedS
	}
	return 0
}

// activity builds the Activity of one session from samples [from, to).
func (s *fitSequence) activity(name string, opt Options, sess fitSession, from, to int, noSession bool) *Activity {
	a := &Activity{
		Source:         name,
		Format:         FormatFIT,
		Device:         s.device,
		LocalOffset:    s.localOffset,
		HasLocalOffset: s.hasLocal,
		Summary:        sess.summary,
	}
	a.Sport, a.RawSport = fitSport(sess.sport, sess.subSport)
	if noSession {
		a.Notes = append(a.Notes, "no session message: summary computed from the records")
		if sess.sport != typedef.SportInvalid && !s.hasSport {
			a.Notes = append(a.Notes, "sport taken from the lap messages")
		}
	}
	start := sess.start
	if start == 0 && from < to {
		start = s.times[from]
		if !noSession {
			a.Notes = append(a.Notes, "session without start time: started at its first record")
		}
	}
	if start != 0 {
		a.Start = fitEpoch.Add(time.Duration(start) * time.Second)
	}
	a.Samples = sliceSamples(&s.samples, from, to)
	a.Resumes = s.resumes(from, to)
	for i := range a.Samples.ElapsedS {
		a.Samples.ElapsedS[i] = float64(int64(s.times[from+i]) - int64(start))
	}
	// Cadence: FIT stores strides/min for running and walking; steps are
	// twice that. Cycling (and other wheel sports) keep revolutions/min.
	doubles := cadenceDoubles(a.Sport)
	if doubles {
		for i, c := range a.Samples.CadenceSPM {
			a.Samples.CadenceSPM[i] = 2 * c
		}
		a.Summary.AvgCadenceSPM *= 2
	} else if anyValue(a.Samples.CadenceSPM) || !math.IsNaN(a.Summary.AvgCadenceSPM) {
		a.Notes = append(a.Notes, "cadence is in revolutions per minute (not a foot sport), not doubled")
	}
	for _, l := range s.laps {
		if l.start == 0 || (sess.start != 0 && l.start < sess.start) || (sess.end != 0 && l.start > sess.end) {
			continue
		}
		a.Laps = append(a.Laps, Lap{StartOffsetS: float64(int64(l.start) - int64(start)), DurationS: l.timerS, DistanceM: l.distance})
	}
	if len(s.devNames) > 0 {
		a.DevFields = append([]string(nil), s.devNames...)
	}
	if s.devPower {
		a.Notes = append(a.Notes, "power read from a developer field")
	}
	if a.Sport == SportUnknown {
		a.Sport = inferFITSport(a)
	}
	a.fillFromSamples()
	if a.Samples.Len() == 0 && (!math.IsNaN(a.Summary.AvgCadenceSPM) || !math.IsNaN(a.Summary.AvgHeartRateBPM)) {
		a.Notes = append(a.Notes, "averages are the session's own (no records): the device's figures, which may count standing-still zeros")
	}
	sensors := s.sensors
	if foot, ok := devFieldSensor(s.devNames); ok {
		sensors = addSensor(append([]sensor(nil), sensors...), foot)
	}
	a.setDynamics(sensors)
	if opt.SummaryOnly {
		a.Samples = Samples{}
	}
	return a
}

// cadenceDoubles reports whether FIT cadence of this sport is strides per
// minute that must be doubled into steps: running, walking and hiking only
// (DOMAIN.md), and a sport not yet known (inferred from the steps later).
// Cycling, swimming, rowing, paddling and fitness equipment keep their
// revolutions or strokes per minute.
func cadenceDoubles(sp Sport) bool { return footSport(sp) }

// sliceSamples returns samples [from, to) of s, sharing storage when the
// range is all of s.
func sliceSamples(s *Samples, from, to int) Samples {
	cut := func(v []float64) []float64 {
		if from == 0 && to == len(v) {
			return v
		}
		return append(channelSlice(to-from), v[from:to]...) // recyclable, as the sequence's were
	}
	return Samples{
		ElapsedS: cut(s.ElapsedS), DistanceM: cut(s.DistanceM), SpeedMS: cut(s.SpeedMS),
		HeartRateBPM: cut(s.HeartRateBPM), CadenceSPM: cut(s.CadenceSPM), AltitudeM: cut(s.AltitudeM),
		LatDeg: cut(s.LatDeg), LonDeg: cut(s.LonDeg), StanceTimeMs: cut(s.StanceTimeMs),
		BalanceLeftPct: cut(s.BalanceLeftPct), VertOscCm: cut(s.VertOscCm), VertRatioPct: cut(s.VertRatioPct),
		StepLengthM: cut(s.StepLengthM), PowerW: cut(s.PowerW),
	}
}

// fitSport normalises a FIT sport and sub-sport, and names them as the file
// does ("running/trail").
func fitSport(sp typedef.Sport, sub typedef.SubSport) (Sport, string) {
	if sp == typedef.SportInvalid {
		return SportUnknown, ""
	}
	raw := typedefName(sp.String(), uint64(sp))
	if sub != typedef.SubSportInvalid && sub != typedef.SubSportGeneric {
		raw += "/" + typedefName(sub.String(), uint64(sub))
	}
	switch sp {
	case typedef.SportRunning:
		switch sub {
		case typedef.SubSportTrail:
			return SportTrail, raw
		case typedef.SubSportTreadmill, typedef.SubSportIndoorRunning:
			return SportTreadmill, raw
		case typedef.SubSportVirtualActivity:
			return SportVirtual, raw
		}
		return SportRunning, raw
	case typedef.SportCycling, typedef.SportEBiking:
		return SportCycling, raw
	case typedef.SportSwimming:
		return SportSwimming, raw
	case typedef.SportWalking:
		return SportWalking, raw
	case typedef.SportHiking:
		return SportHiking, raw
	case typedef.SportTraining, typedef.SportFitnessEquipment:
		return fitTrainingSport(sub), raw
	}
	return SportOther, raw
}

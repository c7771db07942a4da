package ingest

import (
	"strings"

	"github.com/muktihari/fit/profile/typedef"
)

// Source names what measured a channel of a run's step data (DOMAIN.md,
// "Units and cleaning", Instruments): values from two sources are not
// comparable (an HRM-Pro reads GCT balance about a point differently from
// wrist-based dynamics), so each source is an instrument of its own.
type Source string

// The sources of a channel, as `inspect` and the report's JSON name them.
const (
	// SourceNone: the run has no values in the channel.
	SourceNone Source = "none"
	// SourceWrist: the watch itself (its accelerometer; wrist-based
	// running dynamics on recent watches). Also every TCX and GPX file,
	// which name no sensor.
	SourceWrist Source = "wrist"
	// SourceChestStrap: a heart-rate strap that measures running dynamics
	// (Garmin HRM-Run, HRM-Tri, HRM-Pro, HRM-Pro Plus, HRM-Fit).
	SourceChestStrap Source = "chest-strap"
	// SourcePod: a waist-worn dynamics pod (Garmin Running Dynamics Pod,
	// COROS POD).
	SourcePod Source = "pod"
	// SourceFootpod: a shoe-mounted stride sensor (Stryd, other ANT+ stride
	// sensors), named by an ANT+ device_info or by its developer fields.
	SourceFootpod Source = "footpod"
)

// DynamicsChannels are the channels whose source an activity records, in
// the contract's order: cadence and the running dynamics.
var DynamicsChannels = []Channel{
	ChanCadence, ChanStanceTime, ChanStanceTimeBalance,
	ChanVerticalOscillation, ChanVerticalRatio, ChanStepLength,
}

// gaitChannels are the running-dynamics channels one sensor measures
// together (everything of DynamicsChannels but cadence).
const gaitChannels = Channels(ChanStanceTime | ChanStanceTimeBalance | ChanVerticalOscillation | ChanVerticalRatio | ChanStepLength)

// Dynamics says what measured a run's step data.
type Dynamics struct {
	// Cadence is the source of the step rate.
	Cadence Source
	// Gait is the source of stance time, GCT balance, vertical oscillation
	// and ratio and step length (one sensor measures them all).
	Gait Source
	// Sensor is the external sensor behind Cadence or Gait (an HRM-Pro, a
	// Stryd); zero when the watch measured them or nothing did.
	Sensor Device
}

// SourceOf gives the source of channel c of the activity: SourceNone when
// the run has no values in it (or, for cadence, when the sport is not a
// foot sport: revolutions are no steps), the sensor's kind for cadence and
// the running dynamics, else SourceWrist (the recording device).
func (a *Activity) SourceOf(c Channel) Source {
	if !a.Channels.Has(c) {
		return SourceNone
	}
	if c == ChanCadence {
		if a.Dynamics.Cadence == "" {
			return SourceWrist // set by no decoder: the recording device
		}
		return a.Dynamics.Cadence
	}
	if a.Dynamics.Gait == "" || a.Dynamics.Gait == SourceNone {
		return SourceWrist
	}
	return a.Dynamics.Gait
}

// Instrument names the instrument of channel c: its source and, for an
// external sensor, the sensor ("chest-strap garmin hrm_pro"); "" when the
// run has no values in c. Two runs whose instruments differ in a channel
// never share that channel's baseline.
func (a *Activity) Instrument(c Channel) string {
	src := a.SourceOf(c)
	switch src {
	case SourceNone:
		return ""
	case SourceWrist:
		if d := a.Device.String(); d != "" {
			return string(src) + " " + d
		}
		return string(src)
	}
	if d := a.Dynamics.Sensor.String(); d != "" {
		return string(src) + " " + d
	}
	return string(src)
}

// setDynamics fills a.Dynamics from the external sensors the file names
// (strap, pod, footpod; the strongest of each kind first) once the
// channels are known: a footpod measures the cadence, a pod or strap the
// running dynamics (and the cadence when there is no footpod), and what no
// sensor measured the watch did.
func (a *Activity) setDynamics(sensors []sensor) {
	var pod, strap, foot *sensor
	for i := range sensors {
		s := &sensors[i]
		switch {
		case s.kind == SourcePod && pod == nil:
			pod = s
		case s.kind == SourceChestStrap && strap == nil:
			strap = s
		case s.kind == SourceFootpod && foot == nil:
			foot = s
		}
	}
	d := Dynamics{Cadence: SourceNone, Gait: SourceNone}
	gait := strap
	if pod != nil {
		gait = pod
	}
	if a.Channels&gaitChannels != 0 {
		d.Gait = SourceWrist
		if gait != nil {
			d.Gait, d.Sensor = gait.kind, gait.device
		}
	}
	// Only a foot sport's cadence is a step rate: a ride's revolutions
	// come from a bike sensor and belong to no step instrument.
	if a.Channels.Has(ChanCadence) && (footSport(a.Sport) || a.Sport == SportUnknown) {
		switch {
		case foot != nil:
			d.Cadence, d.Sensor = SourceFootpod, foot.device
		case gait != nil && d.Gait == gait.kind:
			d.Cadence = gait.kind
		default:
			d.Cadence = SourceWrist
		}
	}
	a.Dynamics = d
}

// sensor is one external sensor a file names.
type sensor struct {
	kind   Source
	device Device
}

// addSensor records a sensor once (FIT files repeat device_info at the
// start and the end of a run).
func addSensor(list []sensor, s sensor) []sensor {
	for _, o := range list {
		if o == s {
			return list
		}
	}
	return append(list, s)
}

// fitSensorKind classifies one FIT device_info message by manufacturer,
// Garmin product number, ANT+ device type and product name: the kind of
// step sensor it is, or "" for anything else (the watch itself, its
// barometer, a bike sensor, a plain heart-rate strap).
func fitSensorKind(manu typedef.Manufacturer, product uint16, antType uint8, name string) Source {
	lower := strings.ToLower(name)
	switch {
	case manu == typedef.ManufacturerGarmin || manu == typedef.ManufacturerDynastream || manu == typedef.ManufacturerDynastreamOem:
		switch typedef.GarminProduct(product) {
		case typedef.GarminProductRunningDynamicsPod:
			return SourcePod
		case typedef.GarminProductHrmRun, typedef.GarminProductHrmRunSingleByteProductId,
			typedef.GarminProductHrmTri, typedef.GarminProductHrmTriSingleByteProductId,
			typedef.GarminProductHrm4Run, typedef.GarminProductHrm4RunSingleByteProductId,
			typedef.GarminProductHrmPro, typedef.GarminProductHrmProPlus,
			typedef.GarminProductHrmFit, typedef.GarminProductHrmFitSingleByteProductId:
			return SourceChestStrap
		}
	case manu == typedef.ManufacturerStryd:
		return SourceFootpod
	case manu == typedef.ManufacturerCoros && (strings.Contains(lower, "pod") || antType == uint8(typedef.AntplusDeviceTypeStrideSpeedDistance)):
		return SourcePod
	}
	if antType == uint8(typedef.AntplusDeviceTypeStrideSpeedDistance) {
		return SourceFootpod
	}
	return ""
}

// strydFields are developer field names only a Stryd footpod's Connect IQ
// field writes (Stryd's "Stryd Zones" and "Stryd Power" apps).
var strydFields = []string{"leg spring stiffness", "form power", "air power", "impact loading rate"}

// devFieldSensor is the footpod a file's developer fields reveal, ok false
// when they reveal none.
func devFieldSensor(names []string) (sensor, bool) {
	for _, n := range names {
		l := strings.ToLower(n)
		for _, f := range strydFields {
			if l == f {
				return sensor{kind: SourceFootpod, device: Device{Manufacturer: "stryd"}}, true
			}
		}
	}
	return sensor{}, false
}

// deviceFromName splits a device name written as text (TCX Creator/Name,
// GPX creator) into a Device: the name kept whole, the manufacturer when
// the name starts with one the FIT profile knows ("Garmin Forerunner 910XT",
// "COROS PACE 2", "Suunto 9").
func deviceFromName(name string) Device {
	d := Device{Name: name}
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	switch m := strings.ToLower(first); m {
	case "garmin", "coros", "suunto", "polar", "wahoo", "stryd", "apple", "amazfit", "huawei", "samsung", "fitbit":
		d.Manufacturer = m
	}
	return d
}

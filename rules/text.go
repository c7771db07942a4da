package rules

import "strings"

// The texts shared by the catalogue live here: the chain's links in plain
// words and as short labels, the advice by chain link, the red flags and
// the disclaimer. Each rule carries its own title, explanation and advice.
// None of them diagnoses: they speak of risk patterns.

// Disclaimer says what itbcheck is and is not. Reports print it once.
const Disclaimer = "itbcheck is a screening aid, not a diagnosis: it points out training patterns " +
	"that are associated with Iliotibial Band Syndrome and secondary low back pain. " +
	"Only a physiotherapist or physician can tell what causes pain."

// RedFlags says when to see a professional. Reports print it once.
const RedFlags = "See a physiotherapist or physician promptly for numbness, tingling, or severe or " +
	"persistent pain. Pain on the outside of the knee or hip together with low back pain deserves " +
	"a physiotherapist's assessment (Ober test, hip abductor strength) to tell a back problem " +
	"secondary to the hip from a primary one such as a disc."

// seeProfessional ends every Advice.
const seeProfessional = "If pain persists or you notice numbness or tingling, see a physiotherapist."

// SeeProfessional is the sentence every rule's Advice ends with: reports
// say it once, after the rest of the advice.
const SeeProfessional = seeProfessional

var linkTexts = map[Link]string{
	TrainingLoad:     "a sudden rise in running volume or intensity outpaces the tissues' adaptation",
	GluteFatigue:     "the gluteus medius (hip abductor, pelvic stabiliser) tires or is weak; the pelvis drops on the swing side",
	TFLCompensation:  "the tensor fasciae latae works harder to hold the hip stable",
	ITBTension:       "the IT band, fed by TFL and gluteus maximus, is pulled tight; friction/compression at the lateral femoral epicondyle (outer knee) or greater trochanter (hip)",
	KneeFlexionLoad:  "more time near 20–30° of knee flexion, where the band presses the epicondyle hardest (downhill, overstriding)",
	PelvicTilt:       "band tension tilts or rotates the pelvis",
	LumbarOverload:   "quadratus lumborum and erector spinae overwork to keep the torso upright: secondary low back pain",
	GaitCompensation: "pain or fatigue changes gait (shorter stance on one side, altered loading), shifting stress to hip and back; a self-feeding cycle",
	SurfaceAsymmetry: "banked surfaces (one-way track bends, cambered roads) make one leg functionally longer, dropping the pelvis on one side",
	Footwear:         "worn-out shoes absorb and guide less",
}

var linkLabels = map[Link]string{
	TrainingLoad:     "training load spike",
	GluteFatigue:     "gluteus medius fatigue",
	TFLCompensation:  "TFL compensation",
	ITBTension:       "IT band tension",
	KneeFlexionLoad:  "knee flexion loading",
	PelvicTilt:       "pelvic tilt",
	LumbarOverload:   "lower back overload",
	GaitCompensation: "gait compensation",
	SurfaceAsymmetry: "banked surface asymmetry",
	Footwear:         "worn-out shoes",
}

// Links lists every link of the mechanism chain, in the order of DOMAIN.md.
var Links = []Link{
	TrainingLoad, GluteFatigue, TFLCompensation, ITBTension, KneeFlexionLoad,
	PelvicTilt, LumbarOverload, GaitCompensation, SurfaceAsymmetry, Footwear,
}

// LinkText gives a chain link in the plain words of DOMAIN.md's chain
// table, or "" for an unknown link.
func LinkText(l Link) string { return linkTexts[l] }

// LinkLabel gives a short label (2–4 words) for a chain link, such as
// "gluteus medius fatigue", or the link id itself when it is unknown.
func LinkLabel(l Link) string {
	if s, ok := linkLabels[l]; ok {
		return s
	}
	return string(l)
}

// Advice by chain link, from DOMAIN.md.
const (
	adviceLoad     = "Cut back to the last well-tolerated week, then build by at most 10 % a week; keep an easy day between hard ones."
	adviceCadence  = "Raise your step rate by 5–10 % at the same pace (a metronome helps), with shorter strides."
	adviceHip      = "Strengthen gluteus medius and maximus (side-lying hip abduction, clamshells, side planks, single-leg squats and bridges) and stretch the hip flexors and gluteal region; foam rolling eases symptoms but works only together with strengthening."
	adviceTrack    = "Vary your track direction and avoid always running the same side of cambered roads."
	adviceDownhill = "Ease into downhill volume: add descent gradually and shorten your stride on the way down."
	adviceShoes    = "Retire or rotate shoes past their limit."
)

// advise joins pieces of advice and ends them with the pointer to a
// physiotherapist, as every rule's Advice ends.
func advise(pieces ...string) string {
	return strings.Join(append(pieces, seeProfessional), " ")
}

package rules

// The texts of the catalogue live here, in one place, so that the reports
// can reuse them: the chain's links in plain words and as short labels, the
// explanation of each rule's path, the advice by chain link, the red flags
// and the disclaimer. None of them diagnoses: they speak of risk patterns.

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

// Explanations walk each rule's mechanism path in plain words, marking which
// links are well established and which are plausible rather than proven.
var explanations = map[string]string{
	"load-spike": "A sudden rise in running load outpaces the adaptation of muscles and tendons; this link is well established, " +
		"though the acute:chronic ratio predicts injury less reliably than once thought. " +
		"Tired hip abductors (gluteus medius) let the pelvis drop, and the tensor fasciae latae works harder to hold the hip, " +
		"pulling the IT band tight over the outer knee and hip. " +
		"That band tension may tilt the pelvis so that the lower back muscles overwork to keep the torso upright: plausible, not proven.",
	"weekly-jump": "Raising weekly distance faster than the body adapts is associated with distance-related running injuries, ITBS among them (Nielsen 2014). " +
		"Tired hip abductors (gluteus medius) let the pelvis drop, and the tensor fasciae latae works harder to hold the hip, " +
		"pulling the IT band tight over the outer knee and hip. " +
		"That band tension may tilt the pelvis so that the lower back muscles overwork: plausible, not proven.",
	"monotony": "Running the same load day after day leaves little room to recover, a pattern linked to overreaching in general; " +
		"for ITBS specifically the evidence is weak. " +
		"Fatigued hip abductors hand stabilising work to the tensor fasciae latae, which tightens the IT band. " +
		"Band tension may tilt the pelvis and overload the lower back: plausible, not proven.",
	"cadence-drop": "Fewer, longer steps keep the knee longer near 20–30° of flexion, where the IT band presses the outer knee hardest; " +
		"that step rate changes hip and knee loading is well established (Heiderscheit 2011). " +
		"Longer strides also bring more hip adduction, which strains the band and tires the gluteus medius. " +
		"The resulting pelvic tilt may overload the lower back muscles: plausible, not proven.",
	"low-cadence": "A low step rate at easy pace is a marker of overstriding, which keeps the knee near 20–30° of flexion where the IT band presses the outer knee hardest; " +
		"the evidence for this marker is weak to moderate. " +
		"Band tension may tilt the pelvis so that the lower back muscles overwork: plausible, not proven.",
	"cadence-fade": "A step rate that falls late in a long run at the same pace is a sign of fatigue; " +
		"fatigue raises hip adduction and IT band strain (Miller 2007, moderate evidence). " +
		"As the gluteus medius tires, the tensor fasciae latae takes over and pulls the band tight. " +
		"Band tension may tilt the pelvis and overload the lower back: plausible, not proven.",
	"gct-imbalance": "Spending longer on the ground with one foot is a common way to compensate for pain or weakness, " +
		"though the watch's balance figure links to injury only in some runners. " +
		"Uneven loading shifts stress to the hip and pelvis, which may tilt and make the lower back muscles overwork: plausible, not proven. " +
		"The pattern can feed itself, as compensation adds strain to the other side.",
	"asymmetry-drift": "Balance that worsens as a run goes on suggests that the hip stabilisers (gluteus medius) tire (moderate evidence). " +
		"The gait then compensates, with a shorter stance on one side, shifting stress to the hip and pelvis. " +
		"A tilting pelvis may make the lower back muscles overwork: plausible, not proven.",
	"downhill-load": "Running downhill keeps the knee near 20–30° of flexion, where the IT band presses the outer knee hardest (Orchard 1996, well described). " +
		"A tight band may tilt the pelvis, so that the lower back muscles overwork to keep the torso upright: plausible, not proven.",
	"track-direction": "Running track bends always the same way makes one leg functionally longer and drops the pelvis on one side; " +
		"this is clinical guidance with weak evidence. " +
		"The tilted pelvis tensions the IT band of one leg, and the lower back muscles may overwork to keep the torso upright: plausible, not proven.",
	"shoe-mileage": "Worn-out shoes absorb and guide less; cushioning loss after 500–800 km is weak to moderately supported. " +
		"Less guidance may keep the knee longer near 20–30° of flexion, where the IT band presses the outer knee hardest, " +
		"and band tension may tilt the pelvis and overload the lower back: plausible, not proven.",
	"compound-risk": "Several risk patterns in the same week can feed one another: load, fatigue and compensation add up along the hip → pelvis → lower back chain. " +
		"Each link is discussed with its own finding; that they combine into a self-feeding cycle is plausible rather than proven.",
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

var advices = map[string][]string{
	"load-spike":      {adviceLoad, adviceHip},
	"weekly-jump":     {adviceLoad, adviceHip},
	"monotony":        {adviceLoad},
	"cadence-drop":    {adviceCadence, adviceHip},
	"low-cadence":     {adviceCadence},
	"cadence-fade":    {adviceHip, adviceCadence},
	"gct-imbalance":   {adviceHip},
	"asymmetry-drift": {adviceHip},
	"downhill-load":   {adviceDownhill, adviceHip},
	"track-direction": {adviceTrack, adviceHip},
	"shoe-mileage":    {adviceShoes},
	"compound-risk":   {adviceLoad, adviceHip},
}

// Explanation returns the plain-words walk of rule id's mechanism path, as
// findings carry it, or "" for an unknown rule.
func Explanation(id string) string { return explanations[id] }

// Advice returns what to do about rule id's pattern, ending with a pointer
// to a physiotherapist, or "" for an unknown rule.
func Advice(id string) string {
	a, ok := advices[id]
	if !ok {
		return ""
	}
	s := ""
	for _, x := range a {
		s += x + " "
	}
	return s + seeProfessional
}

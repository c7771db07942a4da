package rules

// TEMPORARY: rules not yet written.
var (
	GCTImbalance   = &Rule{ID: "gct-imbalance", Family: "asymmetry"}
	AsymmetryDrift = &Rule{ID: "asymmetry-drift", Family: "asymmetry"}
	DownhillLoad   = &Rule{ID: "downhill-load", Family: "terrain"}
	TrackDirection = &Rule{ID: "track-direction", Family: "terrain"}
	ShoeMileage    = &Rule{ID: "shoe-mileage", Family: "equipment"}
	CompoundRisk   = &Rule{ID: "compound-risk", Family: "compound"}
)

func compoundFindings(fs []Finding, t Thresholds) []Finding { return nil }

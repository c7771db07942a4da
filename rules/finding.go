package rules

// newFinding fills a finding with the texts of rule id: its mechanism path,
// explanation and advice.
func newFinding(id string, path []Link, sev Severity, date, activity, metric string, value, threshold float64, summary string) Finding {
	return Finding{
		Rule:        id,
		Severity:    sev,
		Date:        date,
		Activity:    activity,
		Metric:      metric,
		Value:       value,
		Threshold:   threshold,
		Summary:     summary,
		Mechanism:   append([]Link(nil), path...),
		Explanation: Explanation(id),
		Advice:      Advice(id),
	}
}

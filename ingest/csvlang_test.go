package ingest

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// mustDecode decodes a CSV text and fails unless it yields n activities.
func mustDecode(t *testing.T, name, text string, n int) []*Activity {
	t.Helper()
	acts, err := decodeString(t, csvDec, name, text)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if len(acts) != n {
		t.Fatalf("%d activities, want %d", len(acts), n)
	}
	return acts
}

// garminLangCase is one language's Garmin Connect Activities.csv: its
// header (the columns in garminLangRow's order), the run and strength
// type names and its decimal mark.
type garminLangCase struct {
	lang, header, run, strength string
	comma                       bool // decimal comma in the cells
}

// The headers, column by column: Activity Type, Date, Favorite, Title,
// Distance, Calories, Time, Avg HR, Max HR, Avg Run Cadence, Max Run
// Cadence, Total Ascent, Avg Stride Length, Moving Time, Elapsed Time.
var garminLangCases = []garminLangCase{
	{"en", "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Avg Run Cadence,Max Run Cadence,Total Ascent,Avg Stride Length,Moving Time,Elapsed Time",
		"Running", "Strength Training", false},
	{"de", "Aktivitätstyp,Datum,Favorit,Titel,Distanz,Kalorien,Zeit,Ø Herzfrequenz,Maximale Herzfrequenz,Ø Schrittfrequenz (Laufen),Max. Schrittfrequenz (Laufen),Anstieg gesamt,Ø Schrittlänge,Zeit in Bewegung,Verstrichene Zeit",
		"Laufen", "Krafttraining", true},
	{"fr", "Type d'activité,Date,Favori,Titre,Distance,Calories,Durée,Fréquence cardiaque moyenne,Fréquence cardiaque maximale,Cadence de course moyenne,Cadence de course maximale,Ascension totale,Longueur moyenne des foulées,Temps de déplacement,Temps écoulé",
		"Course à pied", "Musculation", true},
	{"es", "Tipo de actividad,Fecha,Favorito,Título,Distancia,Calorías,Tiempo,FC media,FC máxima,Cadencia de carrera media,Cadencia de carrera máxima,Ascenso total,Longitud media de zancada,Tiempo en movimiento,Tiempo transcurrido",
		"Carrera", "Entrenamiento de fuerza", true},
	{"it", "Tipo di attività,Data,Preferita,Titolo,Distanza,Calorie,Tempo,FC Media,FC max,Cadenza di corsa media,Cadenza di corsa max,Ascesa totale,Lunghezza media passo,Tempo in movimento,Tempo trascorso",
		"Corsa", "Allenamento della forza", true},
	{"nl", "Activiteittype,Datum,Favoriet,Titel,Afstand,Calorieën,Tijd,Gem. HS,Max. HS,Gemiddelde loopcadans,Max. loopcadans,Totale stijging,Gem. staplengte,Tijd bewogen,Verstreken tijd",
		"Hardlopen", "Krachttraining", true},
	{"pt", "Tipo de atividade,Data,Favorito,Título,Distância,Calorias,Tempo,FC Média,FC máxima,Cadência de corrida média,Cadência de corrida máxima,Subida total,Comprimento médio da passada,Tempo em movimento,Duração",
		"Corrida", "Treino de força", false},
	{"da", "Aktivitetstype,Dato,Favorit,Titel,Distance,Kalorier,Tid,Gennemsnitlig puls,Maks. puls,Gennemsnit kadence løb,Maksimum kadence løb,Højdeforøgelse,Gennemsnitlig skridtlængde,Tid i bevægelse,Tidsforbrug",
		"Løb", "Styrketræning", true},
	{"sv", "Aktivitetstyp,Datum,Favorit,Titel,Distans,Kalorier,Tid,Medelpuls,Maxpuls,Genomsnittlig löpkadens,Maximal löpkadens,Total stigning,Genomsnittlig steglängd,Tid i rörelse,Förfluten tid",
		"Löpning", "Styrketräning", true},
	{"no", "Aktivitetstype,Dato,Favoritt,Tittel,Distanse,Totale kalorier,Tid,Gjennomsnittlig puls,Makspuls,Gjennomsnittlig frekvens for løping,Maksimal frekvens for løping,Total stigning,Gjennomsnittlig skrittlengde,Tid i bevegelse,Medgått tid",
		"Løping", "Styrketrening", true},
}

// garminLangRows are a run and a strength session in the case's language
// and decimal mark, quoted as Garmin writes them.
func (c garminLangCase) rows() string {
	dec := func(s string) string {
		if c.comma {
			return strings.ReplaceAll(s, ".", ",")
		}
		return s
	}
	run := []string{c.run, "2026-03-04 06:30:00", "false", `"Morgen"`, `"` + dec("10.50") + `"`, `"` + dec("1.234") + `"`,
		`"00:55:00"`, `"150"`, `"170"`, `"172"`, `"190"`, `"120"`, `"` + dec("1.12") + `"`, `"00:54:30"`, `"00:56:00"`}
	str := []string{c.strength, "2026-03-03 18:00:00", "false", `"Gym"`, `"` + dec("0.00") + `"`, `"300"`,
		`"00:45:00"`, `"110"`, `"140"`, `"--"`, `"--"`, `"--"`, `"--"`, `"00:00:00"`, `"00:47:00"`}
	if c.comma { // the thousands of calories: "1.234" in a decimal-comma file
		run[5] = `"1.234"`
	}
	return strings.Join(run, ",") + "\n" + strings.Join(str, ",") + "\n"
}

// TestGarminLanguages reads a Garmin Connect Activities.csv in each
// language: header texts, activity types and decimal commas.
func TestGarminLanguages(t *testing.T) {
	for _, c := range garminLangCases {
		t.Run(c.lang, func(t *testing.T) {
			acts := mustDecode(t, "Activities.csv", c.header+"\n"+c.rows(), 2)
			run, gym := acts[0], acts[1]
			wantEq(t, "run sport", run.Sport, SportRunning)
			wantEq(t, "strength sport", gym.Sport, SportStrength)
			wantEq(t, "start", run.Start, time.Date(2026, 3, 4, 6, 30, 0, 0, time.UTC))
			wantEq(t, "title", run.Title, "Morgen")
			s := run.Summary
			wantNum(t, "distance", s.DistanceM, 10500)
			wantNum(t, "moving time", s.DurationS, 54*60+30)
			wantNum(t, "elapsed", s.ElapsedS, 56*60)
			wantNum(t, "avg hr", s.AvgHeartRateBPM, 150)
			wantNum(t, "max hr", s.MaxHeartRateBPM, 170)
			wantNum(t, "cadence (average, not max)", s.AvgCadenceSPM, 172)
			wantNum(t, "ascent", s.AscentM, 120)
			wantNum(t, "stride", s.AvgStepLengthM, 1.12)
			wantNum(t, "strength: moving 00:00:00 falls back on Time", gym.Summary.DurationS, 45*60)
			wantNum(t, "strength elapsed", gym.Summary.ElapsedS, 47*60)
		})
	}
}

// stravaLangCase is one language's Strava activities.csv.
type stravaLangCase struct {
	lang, header, date, run, strength string
	comma                             bool // decimal comma in the display distance
}

// The headers, column by column: Activity ID, Activity Date, Activity
// Name, Activity Type, Elapsed Time, Distance, Max Heart Rate, Activity
// Gear, Filename, Elapsed Time, Moving Time, Distance, Average Speed,
// Elevation Gain, Average Cadence, Average Heart Rate, Perceived Exertion.
var stravaLangCases = []stravaLangCase{
	{"en", "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Max Heart Rate,Activity Gear,Filename,Elapsed Time,Moving Time,Distance,Average Speed,Elevation Gain,Average Cadence,Average Heart Rate,Perceived Exertion",
		"Mar 3, 2026, 6:30:00 AM", "Run", "Weight Training", false},
	{"de", "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit,Distanz,Max. Herzfrequenz,Aktivitätsausrüstung,Dateiname,Verstrichene Zeit,Bewegungszeit,Distanz,Durchschnittliche Geschwindigkeit,Höhenzunahme,Durchschnittliche Trittfrequenz,Durchschnittliche Herzfrequenz,Wahrgenommene Anstrengung",
		"03.03.2026, 06:30:00", "Lauf", "Krafttraining", true},
	{"fr", "ID de l'activité,Date de l'activité,Nom de l'activité,Type d'activité,Temps écoulé,Distance,Fréquence cardiaque max.,Matériel utilisé pour l'activité,Nom du fichier,Temps écoulé,Durée de déplacement,Distance,Vitesse moyenne,Dénivelé positif,Cadence moyenne,Fréquence cardiaque moyenne,Effort perçu",
		"mar., 3 mars 2026 6:30", "Course à pied", "Entraînement aux poids", true},
	{"es", "ID de actividad,Fecha de la actividad,Nombre de la actividad,Tipo de actividad,Tiempo transcurrido,Distancia,Frecuencia cardiaca máxima,Equipo de la actividad,Nombre del archivo,Tiempo transcurrido,Tiempo en movimiento,Distancia,Velocidad media,Desnivel positivo,Cadencia media,Frecuencia cardiaca media,Esfuerzo percibido",
		"3 mar. 2026 6:30:00", "Carrera", "Entrenamiento con pesas", true},
	{"it", "ID attività,Data attività,Nome attività,Tipo di attività,Tempo trascorso,Distanza,Frequenza cardiaca massima,Attrezzatura attività,Nome file,Tempo trascorso,Tempo in movimento,Distanza,Velocità media,Dislivello positivo,Cadenza media,Frequenza cardiaca media,Sforzo percepito",
		"3 mar 2026, 06:30:00", "Corsa", "Allenamento con i pesi", true},
	{"nl", "Activiteits-ID,Activiteitsdatum,Activiteitsnaam,Activiteitstype,Verstreken tijd,Afstand,Max. hartslag,Uitrusting voor activiteit,Bestandsnaam,Verstreken tijd,Beweegtijd,Afstand,Gemiddelde snelheid,Hoogteverschil,Gemiddelde cadans,Gemiddelde hartslag,Waargenomen inspanning",
		"3 mrt 2026, 06:30:00", "Hardloopsessie", "Krachttraining", true},
	{"pt", "ID da atividade,Data da atividade,Nome da atividade,Tipo de atividade,Tempo decorrido,Distância,Frequência cardíaca máxima,Equipamento da atividade,Nome do arquivo,Tempo decorrido,Tempo de movimentação,Distância,Velocidade média,Ganho de elevação,Cadência média,Frequência cardíaca média,Esforço percebido",
		"3 de mar. de 2026 06:30:00", "Corrida", "Treino com pesos", true},
	{"da", "Aktivitets-id,Aktivitetsdato,Aktivitetsnavn,Aktivitetstype,Forløbet tid,Distance,Maks. puls,Aktivitetsudstyr,Filnavn,Forløbet tid,Bevægelsestid,Distance,Gennemsnitlig hastighed,Stigning,Gennemsnitlig kadence,Gennemsnitlig puls,Oplevet anstrengelse",
		"3. mar. 2026 06.30.00", "Løb", "Vægttræning", true},
	{"sv", "Aktivitets-ID,Aktivitetsdatum,Aktivitetsnamn,Aktivitetstyp,Förfluten tid,Distans,Maxpuls,Aktivitetsutrustning,Filnamn,Förfluten tid,Rörelsetid,Distans,Genomsnittshastighet,Höjdökning,Genomsnittlig kadens,Genomsnittlig puls,Upplevd ansträngning",
		"3 mars 2026 06:30:00", "Löpning", "Styrketräning", true},
	{"no", "Aktivitets-ID,Aktivitetsdato,Aktivitetsnavn,Aktivitetstype,Medgått tid,Distanse,Makspuls,Aktivitetsutstyr,Filnavn,Medgått tid,Bevegelsestid,Distanse,Gjennomsnittsfart,Høydestigning,Gjennomsnittlig kadens,Gjennomsnittspuls,Opplevd anstrengelse",
		"3. mar. 2026, 06:30:00", "Løping", "Vekttrening", true},
}

func (c stravaLangCase) rows() string {
	km := `"10.02"`
	if c.comma {
		km = `"10,02"`
	}
	run := strings.Join([]string{"1234", `"` + c.date + `"`, `"Abend"`, c.run, "3000", km, "171", `"Pegasus"`,
		"activities/1234.fit.gz", "3000", "2950", "10020.5", "3.4", "85", "86", "148.2", "7"}, ",")
	gym := strings.Join([]string{"1235", `"` + c.date + `"`, `"Gym"`, c.strength, "2700", "0", "", "", "",
		"2700", "2600", "0", "0", "", "", "110", ""}, ",")
	return run + "\n" + gym + "\n"
}

// TestStravaLanguages reads a Strava activities.csv in each language:
// header texts, activity types, localised dates and the runner's RPE.
func TestStravaLanguages(t *testing.T) {
	for _, c := range stravaLangCases {
		t.Run(c.lang, func(t *testing.T) {
			acts := mustDecode(t, "activities.csv", c.header+"\n"+c.rows(), 2)
			run, gym := acts[0], acts[1]
			wantEq(t, "run sport", run.Sport, SportRunning)
			wantEq(t, "strength sport", gym.Sport, SportStrength)
			wantEq(t, "start (UTC)", run.Start, time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC))
			wantEq(t, "gear", run.Gear, "Pegasus")
			wantEq(t, "file", run.SourceFile, "activities/1234.fit.gz")
			s := run.Summary
			wantNum(t, "distance (raw metres column)", s.DistanceM, 10020.5)
			wantNum(t, "moving", s.DurationS, 2950)
			wantNum(t, "elapsed", s.ElapsedS, 3000)
			wantNum(t, "cadence doubled", s.AvgCadenceSPM, 172)
			wantNum(t, "avg hr", s.AvgHeartRateBPM, 148.2)
			wantNum(t, "max hr", s.MaxHeartRateBPM, 171)
			wantNum(t, "ascent", s.AscentM, 85)
			wantNum(t, "speed", s.AvgSpeedMS, 3.4)
			wantNum(t, "RPE", s.RPE, 7)
			wantNum(t, "RPE absent", gym.Summary.RPE, math.NaN())
		})
	}
}

// TestStravaDisplayDistance: without the raw metres column the display
// distance is read, "10,02" km in a comma-separated file being 10.02 km.
func TestStravaDisplayDistance(t *testing.T) {
	text := "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit,Distanz\n" +
		`1,"03.03.2026, 06:30:00",x,Lauf,3000,"10,02"` + "\n"
	acts := mustDecode(t, "activities.csv", text, 1)
	wantNum(t, "distance", acts[0].Summary.DistanceM, 10020)
}

// TestGarminDecimalCommaQuoted: "12,80" km in a comma-separated file with
// quoted cells is 12.8 km, not 1 280 km; an ambiguous "5,000" in the same
// column follows the column's dialect; an ambiguous ascent "1,234" in a
// decimal-point file is 1 234 m and "1.234" in a decimal-comma one too.
func TestGarminDecimalCommaQuoted(t *testing.T) {
	comma := "Activity Type,Date,Title,Distance,Time,Avg Stride Length,Total Ascent\n" +
		`Running,2026-03-04 06:30:00,"a","12,80","01:05:00","0,98","1.234"` + "\n" +
		`Running,2026-03-05 06:30:00,"b","5,000","00:26:00","1,01","85"` + "\n"
	acts := mustDecode(t, "Activities.csv", comma, 2)
	wantNum(t, "12,80 km", acts[0].Summary.DistanceM, 12800)
	wantNum(t, "5,000 km in a decimal-comma column", acts[1].Summary.DistanceM, 5000)
	wantNum(t, "stride", acts[0].Summary.AvgStepLengthM, 0.98)
	wantNum(t, "ascent 1.234 with decimal commas", acts[0].Summary.AscentM, 1234)

	point := "Activity Type,Date,Title,Distance,Time,Total Ascent\n" +
		`Trail Running,2026-03-04 06:30:00,"a","21.13","03:05:00","1,234"` + "\n"
	acts = mustDecode(t, "Activities.csv", point, 1)
	wantNum(t, "distance", acts[0].Summary.DistanceM, 21130)
	wantNum(t, "ascent 1,234 with decimal points", acts[0].Summary.AscentM, 1234)
}

// TestGarminNonRunningRows: swims are in metres (pool and open water),
// a moving time of 00:00:00 falls back on Time, and cadence of rides,
// rowing and paddleboarding is never doubled.
func TestGarminNonRunningRows(t *testing.T) {
	text := "Activity Type,Date,Title,Distance,Time,Avg Run Cadence,Avg Stride Length,Moving Time\n" +
		`Open Water Swimming,2026-06-01 07:00:00,"Lake","843","00:20:00","--","--","00:00:00"` + "\n" +
		`Pool Swimming,2026-06-02 07:00:00,"Pool","1,500","00:35:00","--","--","00:33:00"` + "\n" +
		`Stand Up Paddleboarding,2026-06-03 07:00:00,"SUP","5.20","01:00:00","63","--","00:00:00"` + "\n" +
		`Rowing,2026-06-04 07:00:00,"Row","8.00","00:40:00","26","--","00:40:00"` + "\n" +
		`Running,2026-06-05 07:00:00,"Run","10.00","00:50:00","170","1.18","00:50:00"` + "\n"
	acts := mustDecode(t, "Activities.csv", text, 5)
	wantEq(t, "open water sport", acts[0].Sport, SportSwimming)
	wantNum(t, "open water 843 m", acts[0].Summary.DistanceM, 843)
	wantNum(t, "open water: moving 00:00:00 falls back on Time", acts[0].Summary.DurationS, 1200)
	wantNum(t, "pool 1,500 m", acts[1].Summary.DistanceM, 1500)
	wantEq(t, "paddleboarding is no run", acts[2].Sport.IsRunning(), false)
	wantNum(t, "paddleboarding cadence as written", acts[2].Summary.AvgCadenceSPM, 63)
	wantNum(t, "paddleboarding duration from Time", acts[2].Summary.DurationS, 3600)
	wantNum(t, "rowing cadence as written", acts[3].Summary.AvgCadenceSPM, 26)
	wantNum(t, "run km", acts[4].Summary.DistanceM, 10000)
}

// TestStravaCadenceBySport: Strava's strides are doubled for runs, walks
// and hikes, never for rides, rowing or paddling.
func TestStravaCadenceBySport(t *testing.T) {
	text := "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Moving Time,Distance,Average Cadence\n" +
		`1,"Mar 3, 2026, 6:30:00 AM",a,Walk,3600,3500,5000,54` + "\n" +
		`2,"Mar 4, 2026, 6:30:00 AM",b,Hike,7200,7000,10000,50` + "\n" +
		`3,"Mar 5, 2026, 6:30:00 AM",c,Ride,3600,3500,30000,85` + "\n" +
		`4,"Mar 6, 2026, 6:30:00 AM",d,Rowing,1800,1800,6000,26` + "\n" +
		`5,"Mar 7, 2026, 6:30:00 AM",e,Stand Up Paddling,3600,3600,5000,63` + "\n" +
		`6,"Mar 8, 2026, 6:30:00 AM",f,Run,3000,2950,10000,86` + "\n"
	acts := mustDecode(t, "activities.csv", text, 6)
	for i, want := range []float64{108, 100, 85, 26, 63, 172} {
		wantNum(t, acts[i].RawSport+" cadence", acts[i].Summary.AvgCadenceSPM, want)
	}
}

// TestSummaryUnknownHeader: a header no table explains fails and names
// the columns it could not map.
func TestSummaryUnknownHeader(t *testing.T) {
	_, err := decodeString(t, csvDec, "x.csv", "Foo,Bar baz,Qux\n1,2,3\n")
	if err == nil {
		t.Fatal("no error")
	}
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("error %v is not ErrUnsupported", err)
	}
	for _, col := range []string{`"Foo"`, `"Bar baz"`, `"Qux"`} {
		if !strings.Contains(err.Error(), col) {
			t.Errorf("error %q does not name column %s", err, col)
		}
	}
}

// TestSummaryByMeaning: header texts not in the tables (a spelling the
// tables lack) are mapped by their words, and the activity says so.
func TestSummaryByMeaning(t *testing.T) {
	text := "Aktivitetstyp,Datum,Titel,Distans (km),Tid,Genomsnittlig hjärtfrekvens puls,Medelkadens vid löpning,Tid i rörelse (h:m:s)\n" +
		`Löpning,2026-03-04 06:30:00,"x","8,40","00:45:00","151","168","00:44:00"` + "\n"
	acts := mustDecode(t, "Activities.csv", text, 1)
	a := acts[0]
	wantNum(t, "distance", a.Summary.DistanceM, 8400)
	wantNum(t, "avg hr by meaning", a.Summary.AvgHeartRateBPM, 151)
	wantNum(t, "cadence by meaning", a.Summary.AvgCadenceSPM, 168)
	wantNum(t, "moving by meaning", a.Summary.DurationS, 44*60)
	if !hasNote(a, "by meaning") {
		t.Errorf("no note on the columns read by meaning: %q", a.Notes)
	}
}

// TestStravaFrenchDate: the issue's French date reads as written (UTC).
func TestStravaFrenchDate(t *testing.T) {
	text := "ID de l'activité,Date de l'activité,Nom de l'activité,Type d'activité,Temps écoulé,Distance\n" +
		`1,"lun., 30 juin 2014 7:03",Sortie,Course à pied,1800,"5,10"` + "\n"
	acts := mustDecode(t, "activities.csv", text, 1)
	wantEq(t, "start", acts[0].Start, time.Date(2014, 6, 30, 7, 3, 0, 0, time.UTC))
	wantEq(t, "sport", acts[0].Sport, SportRunning)
	wantNum(t, "distance", acts[0].Summary.DistanceM, 5100)
}

// TestGarminDanishIssueHeader: the Danish header of the issue, verbatim
// up to its stride column, with type Løb.
func TestGarminDanishIssueHeader(t *testing.T) {
	text := "Aktivitetstype,Dato,Favorit,Titel,Distance,Kalorier,Tid,Gennemsnitlig puls,Maks. puls,Gennemsnit kadence løb,Maksimum kadence løb,Gennemsnitstempo,Bedste tempo,Højdeforøgelse,Højdereduktion,Gennemsnitlig skridtlængde\n" +
		`Løb,2026-05-02 08:15:00,false,"København Løb","8,21","612","00:44:10","149","171","170","188","5:23","4:40","35","33","1,09"` + "\n"
	acts := mustDecode(t, "Activities.csv", text, 1)
	s := acts[0].Summary
	wantEq(t, "sport", acts[0].Sport, SportRunning)
	wantNum(t, "distance", s.DistanceM, 8210)
	wantNum(t, "time (not pace)", s.DurationS, 44*60+10)
	wantNum(t, "cadence (average, not max)", s.AvgCadenceSPM, 170)
	wantNum(t, "descent", s.DescentM, 33)
	wantNum(t, "stride", s.AvgStepLengthM, 1.09)
}

// TestStravaZipGerman: a German Strava bulk export joins its
// activities.csv rows with the files they name (Dateiname), so the run
// keeps its samples and gets sport, title and gear from the row.
func TestStravaZipGerman(t *testing.T) {
	t0 := time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC)
	csv := "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit,Distanz,Aktivitätsausrüstung,Dateiname,Verstrichene Zeit,Bewegungszeit,Distanz\n" +
		`1,"03.03.2026, 06:30:00","Tempo, hart",Lauf,60,"0,10",Alter Schuh,activities/1.fit.gz,60,60,90.0` + "\n" +
		`2,"04.03.2026, 17:00:00",Kraft,Krafttraining,2700,"0,00",,,2700,2600,0.0` + "\n"
	zip := makeZip(t, []member{{"activities.csv", []byte(csv)}, {"activities/1.fit.gz", gz(t, tinyFIT(t, t0, 60))}})
	acts, err := Open(writeFile(t, t.TempDir(), "export_1.zip", zip), Options{})
	if err != nil || len(acts) != 2 {
		t.Fatalf("Open: %d activities, %v", len(acts), err)
	}
	byTitle := map[string]*Activity{}
	for _, a := range acts {
		byTitle[a.Title] = a
	}
	run, gym := byTitle["Tempo, hart"], byTitle["Kraft"]
	if run == nil || gym == nil {
		t.Fatalf("titles %v", byTitle)
	}
	wantEq(t, "run format (the file's)", run.Format, FormatFIT)
	wantEq(t, "run gear from the row", run.Gear, "Alter Schuh")
	wantEq(t, "run sport", run.Sport, SportRunning)
	wantEq(t, "strength sport", gym.Sport, SportStrength)
}

// TestSummaryUnknownTypeNoted: an activity type no table knows is kept,
// read as other, and the activity says it is not counted as running.
func TestSummaryUnknownTypeNoted(t *testing.T) {
	text := "Aktivitätstyp,Datum,Titel,Distanz,Zeit\n" +
		`Skilanglauf,2026-01-04 10:00:00,"Loipe","15,20","01:20:00"` + "\n" +
		`Bergwanderung,2026-01-05 10:00:00,"Lang","55,00","06:20:00"` + "\n" +
		`Laufen,2026-01-06 10:00:00,"Rund","10,00","00:55:00"` + "\n"
	acts := mustDecode(t, "Activities.csv", text, 3)
	wantEq(t, "unknown type", acts[0].Sport, SportOther)
	if !hasNote(acts[0], `"Skilanglauf" is not in itbcheck's tables`) || !hasNote(acts[1], `"Bergwanderung"`) {
		t.Errorf("no note on the unknown types: %q / %q", acts[0].Notes, acts[1].Notes)
	}
	if hasNote(acts[2], "not in itbcheck's tables") {
		t.Errorf("note on a known type: %q", acts[2].Notes)
	}
}

// TestSummaryUnknownTypeByContent (issue 23): a run under a label no table
// knows and with no word for running ("Intervalle", a user's own type) is
// read as running from its running cadence and pace, and says so; a ski
// session at a non-running cadence stays out.
func TestSummaryUnknownTypeByContent(t *testing.T) {
	text := "Aktivitätstyp,Datum,Titel,Distanz,Zeit,Ø Schrittfrequenz (Laufen)\n" +
		`Intervalle,2026-01-04 10:00:00,"Band","8,00","00:44:00","172"` + "\n" +
		`Skilanglauf,2026-01-05 10:00:00,"Loipe","15,20","01:20:00","--"` + "\n"
	acts := mustDecode(t, "Activities.csv", text, 2)
	wantEq(t, "unknown label with a runner's cadence", acts[0].Sport, SportRunning)
	if !hasNote(acts[0], `"Intervalle" is not in itbcheck's tables: read as running from its cadence of 172 spm`) ||
		hasNote(acts[0], "not running load") {
		t.Errorf("notes %q", acts[0].Notes)
	}
	wantEq(t, "ski session", acts[1].Sport, SportOther)
}

// TestSummarySportNames (issue 23): every activity-type name in the
// tables is classified as its table says (run or not run), and the names
// real exports were seen to use (docs/sources/activity-labels.md names
// the exports), with variants no table has, land on the right side: a
// German Garmin CSV lost its treadmill, track and trail runs before, a
// Swedish one counted 82 cross-country ski sessions as runs.
func TestSummarySportNames(t *testing.T) {
	for _, e := range []*summaryExport{&garminSummary, &stravaSummary} {
		x := newExportIndex(e)
		for _, sp := range e.sports {
			for lang, names := range sp.names {
				for _, n := range names {
					got, known := x.sport(n)
					if !known || got.IsRunning() != sp.sport.IsRunning() {
						t.Errorf("%s %s %q: %v (known %v), want %v", e.name, lang, n, got, known, sp.sport)
					}
				}
			}
		}
	}
	seen := map[string]Sport{
		// Garmin Connect, as real exports write them (the sources are in
		// docs/sources/activity-labels.md).
		"Laufbandtraining": SportTreadmill, "Laufen auf der Bahn": SportRunning, "Laufen": SportRunning,
		"Course à pied": SportRunning, "Nat. piscine": SportSwimming, "Marche à pied": SportWalking, "Rameur d'intérieur": SportOther,
		"Carrera": SportRunning, "Entrenamiento en cinta": SportTreadmill,
		"Corrida": SportRunning, "Corrida em esteira": SportTreadmill, "Corrida em trilhas": SportTrail,
		"Ciclismo em local fechado": SportCycling, "Ciclismo virtual": SportCycling, "Natação em alto mar": SportSwimming,
		"Løb": SportRunning, "Løb terræn": SportTrail, "Cykling på grusveje": SportCycling, "Svøm i pool": SportSwimming,
		"Løping": SportRunning, "Terrengløp": SportTrail, "Styrketrening": SportStrength,
		"Løping på tredemølle": SportTreadmill, "Løping innendørs": SportRunning, "Utholdenhet": SportOther, "Romaskin": SportOther,
		"Löpning": SportRunning, "Löpband": SportTreadmill, "Simbassäng": SportSwimming, "Konditionspass": SportOther,
		"Längdskidåkning klassisk stil": SportOther, "Längdskidåkning fristil": SportOther, "Utförsåkning i pist": SportOther,
		"Bieganie": SportRunning, "Futás": SportRunning, "Beltéri futás": SportRunning, "Teremfutás": SportRunning,
		"Kerékpározás": SportCycling, "Nyíltvízi úszás": SportSwimming, "Kardió": SportOther,
		"Treadmill Running": SportTreadmill, "Trail Running": SportTrail, "Track Running": SportRunning, "Ultra Running": SportRunning,
		"Pool Swim": SportSwimming, "Casual Walking": SportWalking,
		// Variants no table has: read by their words.
		"Laufen auf dem Laufband": SportTreadmill, "Berglauf": SportTrail, "Corrida na pista": SportRunning,
		"Correr en montaña": SportTrail, "Hardlopen op de baan": SportRunning, "Løb på løbebånd": SportTreadmill,
		"Terränglöpning i skog": SportTrail, "Course d'orientation": SportRunning, "Orienteringsløb": SportRunning,
		"Virtuel løb": SportVirtual, "Trail": SportTrail,
		"Gehen auf dem Laufband": SportOther, "Skilanglauf": SportOther, "Rundfahrt": SportOther,
		"Bergwanderung": SportOther, "Caminata en cinta": SportOther,
	}
	for n, want := range seen {
		got, _ := garminIndex.sport(n)
		if got != want {
			t.Errorf("%q: %v, want %v", n, got, want)
		}
	}
	// Strava: names from the tables, names real exports write (the last
	// lines), and the languages Strava's tables lack (Finnish, Polish) by
	// their words.
	for n, run := range map[string]bool{
		"Lauf": true, "Virtueller Lauf": true, "Traillauf": true, "Trailrunning": true, "Course à pied": true,
		"Course à pied virtuelle": true, "Corsa su trail": true, "Carrera de trail": true, "Carrera por senderos": true,
		"Hardlopen": true, "Corrida": true, "Løp": true, "Juoksu": true, "Bieganie": true,
		"Radfahrt": false, "E-Bike-Radfahrt": false, "Sortie vélo": false, "Sortie vélo électrique": false,
		// Real exports (docs/sources/activity-labels.md).
		"Hardloopsessie": true, "Fietsrit": false, "Zwemmen": false, "Wandeling": false, "Training": false,
		"Kayakken": false, "Kitesurfen": false, "Entrenamiento": false, "Entrenamiento con pesas": false,
		"Vuelta ciclista": false, "Caminata": false, "Run": true, "Walk": false, "Weight Training": false,
	} {
		if got, _ := stravaIndex.sport(n); got.IsRunning() != run {
			t.Errorf("Strava %q: %v, want running %v", n, got, run)
		}
	}
}

// TestGarminSwimUnitsPerRow (issue 23): a swim's distance is in the pool's
// unit whatever the export's: 1,214 m in an English or a German export
// (also under a swim name no table has) stays 1,214 m, yards in an
// export in miles become metres, a "1.50" swim is km; another sport's row
// in metres is not read as km.
func TestGarminSwimUnitsPerRow(t *testing.T) {
	cases := []struct {
		name, text string
		want       []float64 // metres per row
		note       []string
	}{
		{"english metres", "Activity Type,Date,Title,Distance,Time\n" +
			`Running,2026-01-04 10:00:00,Run,10.02,00:50:00` + "\n" +
			`Pool Swim,2026-01-05 10:00:00,Pool,"1,214",00:30:00` + "\n" +
			`Open Water Swimming,2026-01-06 10:00:00,Lake,"2,050",00:45:00` + "\n",
			[]float64{10020, 1214, 2050}, []string{"", "read as metres", "read as metres"}},
		{"german metres", "Aktivitätstyp,Datum,Titel,Distanz,Zeit\n" +
			`Laufen,2026-01-04 10:00:00,Lauf,"10,02",00:50:00` + "\n" +
			`Schwimmbadschwimmen,2026-01-05 10:00:00,Bad,"1.214",00:30:00` + "\n" +
			`Bahnenschwimmen,2026-01-06 10:00:00,Bad,"1.214",00:30:00` + "\n",
			[]float64{10020, 1214, 1214}, []string{"", "read as metres", "read as metres"}},
		{"statute yards", "Activity Type,Date,Title,Distance (mi),Time\n" +
			`Running,2026-01-04 10:00:00,Run,6.22,00:50:00` + "\n" +
			`Pool Swim,2026-01-05 10:00:00,Pool,"1,650",00:30:00` + "\n",
			[]float64{6.22 * 1609.344, 1650 * 0.9144}, []string{"", "read as yards"}},
		{"swim in km", "Activity Type,Date,Title,Distance,Time\n" +
			`Pool Swim,2026-01-05 10:00:00,Pool,1.50,00:30:00` + "\n",
			[]float64{1500}, []string{"read as km"}},
		{"other sport in metres", "Activity Type,Date,Title,Distance,Time\n" +
			`Aquajogging,2026-01-05 10:00:00,Pool,"1,214",00:30:00` + "\n",
			[]float64{1214}, []string{"distance read as metres"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			acts := mustDecode(t, "Activities.csv", c.text, len(c.want))
			for i, a := range acts {
				if math.Abs(a.Summary.DistanceM-c.want[i]) > 0.5 {
					t.Errorf("row %d (%s): %.1f m, want %.1f", i, a.RawSport, a.Summary.DistanceM, c.want[i])
				}
				if c.note[i] != "" && !hasNote(a, c.note[i]) {
					t.Errorf("row %d: notes %q lack %q", i, a.Notes, c.note[i])
				}
			}
		})
	}
}

// TestGarminBikeCadenceColumn (issue 23): a newer layout writes a run's
// cadence in the bike (or swim) cadence column; it is used when it is a
// step rate, left out (and said) when it is not, and a ride's stays a
// ride's.
func TestGarminBikeCadenceColumn(t *testing.T) {
	text := "Activity Type,Date,Title,Distance,Time,Avg Run Cadence,Avg Bike Cadence\n" +
		`Running,2026-01-04 10:00:00,Run,10.02,00:50:00,--,168` + "\n" +
		`Running,2026-01-05 10:00:00,Run,10.02,00:50:00,--,84` + "\n" +
		`Running,2026-01-06 10:00:00,Run,10.02,00:50:00,172,--` + "\n" +
		`Cycling,2026-01-07 10:00:00,Ride,40.0,01:30:00,--,88` + "\n"
	acts := mustDecode(t, "Activities.csv", text, 4)
	wantEq(t, "step rate in the bike column", acts[0].Summary.AvgCadenceSPM, 168.0)
	if !hasNote(acts[0], "read from the cadence column named for another sport") {
		t.Errorf("notes %q", acts[0].Notes)
	}
	if !math.IsNaN(acts[1].Summary.AvgCadenceSPM) || !hasNote(acts[1], "not a step rate") {
		t.Errorf("84 in the bike column on a run: cadence %v, notes %q", acts[1].Summary.AvgCadenceSPM, acts[1].Notes)
	}
	wantEq(t, "run cadence column", acts[2].Summary.AvgCadenceSPM, 172.0)
	if !math.IsNaN(acts[3].Summary.AvgCadenceSPM) || hasNote(acts[3], "another sport") {
		t.Errorf("ride: cadence %v, notes %q", acts[3].Summary.AvgCadenceSPM, acts[3].Notes)
	}

	// The column may be named for swimming too (the only cadence column
	// of the export): a real English export (VictorMari/garmin-influx)
	// holds 8–38 there on runs, a real Danish one (Bjarke848/
	// AI_TrainingPlanner) 165. Only the step rate is used.
	for _, c := range []struct {
		header, run, swim, value string
		cadence                  float64 // NaN: not used
		note                     string
	}{
		{"Activity Type,Date,Title,Distance,Time,Avg Swim Cadence", "Running", "Pool Swimming", "38", math.NaN(),
			"holds 38 on a run: not a step rate"},
		{"Aktivitetstype,Dato,Titel,Distance,Tid,Gennemsnitlig svømmekadence", "Løb", "Svøm i pool", "165", 165,
			"cadence 165 spm read from the cadence column named for another sport"},
	} {
		text := c.header + "\n" + c.run + `,2026-01-04 10:00:00,Run,"10.02",00:50:00,` + c.value + "\n" +
			c.swim + `,2026-01-05 10:00:00,Pool,"1,500",00:30:00,30` + "\n"
		acts := mustDecode(t, "Activities.csv", text, 2)
		if got := acts[0].Summary.AvgCadenceSPM; !(got == c.cadence || math.IsNaN(got) && math.IsNaN(c.cadence)) || !hasNote(acts[0], c.note) {
			t.Errorf("%s: cadence %v, notes %q; want %v and %q", c.header, got, acts[0].Notes, c.cadence, c.note)
		}
		if hasNote(acts[1], "another sport") || acts[1].Sport != SportSwimming {
			t.Errorf("%s: the swim is %v, notes %q", c.header, acts[1].Sport, acts[1].Notes)
		}
	}
}

package ingest

import "strings"

// The translations of the two summary exports, as data: for each column the
// export's header text in every language itbcheck reads, for each sport the
// activity-type names, and for each column the words that carry its meaning
// (used when a header text is not in the table). A new language or a new
// column touches only these tables; csvsummary.go reads them.
//
// Where a text comes from: docs/sources/activity-labels.md lists every
// activity-type name and header text below with the real export it was
// seen in, or says it is inferred; TestActivityLabelSources keeps that
// list and these tables in step, and allows an inferred name only where
// the fallback reader (runWords for types, the meaning words for headers)
// reads it the same way. Only names were taken, never code, from exports
// committed to these public repositories (licence MIT where said, none
// stated otherwise):
//
//	Garmin Activities.csv
//	  de PhilippPro/Running-App data/Activities.csv, Activities_old.csv
//	  fr irrif/Sleeping_score Data/Activities.csv
//	  es HJZR2004/TI3001C-102-AI Data/Activities.csv (MIT; copy in
//	     testdata/summary/garmin-es-hjzr2004.csv), alexisHuaracMallqui/garmin Activities.csv
//	  pt RGazzaneo/projeto_garmin Activities.csv, Activities(9).csv
//	  nl GerjanM/DDP-wk4 Activities.csv; yvh242/garmin dashboard.py (column names)
//	  da Bjarke848/AI_TrainingPlanner, HLasse/GarminRunStats, Guchito/running-coach Activities.csv
//	  sv IsakJacobsson/garmin-extended-data tests/testfiles/activities.csv, csv_files/*.csv
//	  no dsorenes/naive-csv-sql Activities.csv, dsorenes/Runcrunch data/garmin_activities.csv
//	  pl kosek-g/Running_performance_analysis Activities.csv
//	  fi NL-0/ruuvi Activities.csv
//	  hu lovajujo/sport-data Activities.csv
//	  en Romain-Thomas-Shef/grunt (MIT), kostaskes/my-garmin-runs, anton-tr3/Running-Evaluation,
//	     kkuklewski/sport_tracker, 23Flo/swimanalyser Activities.csv; itzi97/DV_Python
//	     data/activities.csv; gtkovacheff/HypoPrediction Data/Activities.csv;
//	     VictorMari/garmin-influx src/data/Activities.csv
//	Strava activities.csv
//	  nl JoranVerspreet/2025_activities_dashboard, CasperHogenboom/Strave_regression data/activities.csv
//	  es DanielAlejandroDuquePerez/running-coach data/activities.csv
//	  de martin-ueding/geo-activity-playground (MIT) src/geo_activity_playground/features/
//	     strava/strava-csv-mapping.json (column names) and its issue #86 (an export's rows)
//	  en TheNewThinkTank/strava-insights (MIT), Darixxxon/MyStravaAnalytics data/activities.csv;
//	     Bergolito/strava-atividades activities.csv; Its-Just-Nans/sportiva export/activities.csv
//
// summaryLanguages says per language how much of the header was seen.

// summaryField is what a column of a summary export holds.
type summaryField int

// The columns itbcheck reads from summary exports.
const (
	colType     summaryField = iota // activity type
	colDate                         // start date and time
	colTitle                        // activity name
	colDistance                     // Garmin: km or miles (swims in metres); Strava: 1st km, 2nd m
	colTime                         // Garmin "Time": timer time
	colMoving                       // moving time
	colElapsed                      // elapsed time
	colAvgHR
	colMaxHR
	colCadence // Garmin: steps/min; Strava: strides/min for runs, rpm for rides
	colAscent
	colDescent
	colStride
	colVertRatio
	colVertOsc
	colGCT
	colBalance
	colPower
	colAvgSpeed // Strava: m/s
	colID       // Strava activity id
	colGear     // Strava gear (shoe) name
	colFile     // Strava file of the activity inside the export
	colRPE      // Strava "Perceived Exertion", 1–10
	// colBikeCadence is a Garmin cadence column named for another sport
	// ("Avg Bike Cadence", "Avg Swim Cadence"): Garmin names the column
	// after one sport of the export. On a run it may hold the step rate
	// (a newer layout leaves the run cadence empty), or not: real exports
	// show 165 on runs under a Danish swim name and 8–38 under the
	// English one, so it is used only when it is a step rate.
	colBikeCadence
	numSummaryFields
)

// fieldNames name the fields in errors and notes.
var fieldNames = [numSummaryFields]string{
	"activity type", "date", "title", "distance", "time", "moving time", "elapsed time",
	"average heart rate", "max heart rate", "cadence", "ascent", "descent", "stride length",
	"vertical ratio", "vertical oscillation", "ground contact time", "GCT balance", "power",
	"average speed", "activity id", "gear", "file name", "perceived exertion", "other sport's cadence",
}

// summaryLanguage is one language of the exports and how sure its header
// texts are.
type summaryLanguage struct {
	code, name string
	// garmin and strava say how much of the header a real export showed
	// (docs/sources/activity-labels.md): "confirmed" when all of the
	// activity type, date, distance, times, average heart rate and
	// cadence columns, "partly confirmed" when some, "by meaning" when
	// none (the texts are inferred and backed by the meaning words).
	garmin, strava string
}

// summaryLanguages are the languages with a text for every column, in
// README's order. Polish, Finnish and Hungarian Garmin exports are read
// too, from the texts of one real export each (not every column).
var summaryLanguages = []summaryLanguage{
	{"en", "English", "confirmed", "confirmed"},
	{"de", "German", "confirmed", "confirmed"},
	{"fr", "French", "confirmed", "by meaning"},
	{"es", "Spanish", "confirmed", "confirmed"},
	{"it", "Italian", "by meaning", "by meaning"},
	{"nl", "Dutch", "partly confirmed", "confirmed"},
	{"pt", "Portuguese", "confirmed", "by meaning"},
	{"da", "Danish", "confirmed", "by meaning"},
	{"sv", "Swedish", "confirmed", "by meaning"},
	{"no", "Norwegian", "confirmed", "by meaning"},
}

// byLang holds texts per language code.
type byLang map[string][]string

// meaning recognises a header by its words when its text is not in the
// table: every group must have a stem in the header and no stem of none
// may. Stems of one or two letters, and those written "=min", must be
// whole words; longer ones may be part of a word (compounds: "Medelpuls",
// "Gennemsnitstempo"). Headers
// are compared folded (lower case, accents dropped: "Ø HF" is "o hf").
type meaning struct {
	all  [][]string
	none []string
}

// summaryColumn is one column of an export: its texts per language and
// its meaning words.
type summaryColumn struct {
	field   summaryField
	headers byLang
	meaning meaning
}

// summarySport is one sport and the activity-type names that mean it.
type summarySport struct {
	sport Sport
	names byLang
}

// summaryExport is one kind of summary CSV.
type summaryExport struct {
	name     string
	required []summaryField // columns that identify the export
	columns  []summaryColumn
	sports   []summarySport
}

// Meaning words shared by several columns (folded).
var (
	wordsAvg = []string{"avg", "average", "o", "gem", "gns", "gemiddeld", "moy", "moyen", "med", "media", "medio",
		"gennemsnit", "genomsnitt", "gjennomsnitt", "snitt", "durchschn", "mittel", "medel", "promedio", "sredni",
		"keski", "atlag", "=atl"}
	wordsMax      = []string{"max", "maks", "maxi", "massim", "maxim", "hochst", "beste", "best", "meilleur", "mejor", "migliore", "melhor", "bedste"}
	wordsMin      = []string{"=min", "minim", "laveste", "lowest"}
	wordsHR       = []string{"hr", "hf", "hs", "fc", "puls", "heart", "herz", "cardi", "hartslag", "pulso", "tetno", "syke", "pulzus"}
	wordsTime     = []string{"time", "zeit", "temps", "tempo", "tiempo", "tid", "tijd", "duree", "dauer", "duur", "czas", "aika", "ido"}
	wordsActivity = []string{"activ", "aktiv", "attiv", "ativ", "aktyw", "suoritu", "tevekeny"}
	wordsVertical = []string{"vertical", "vertikal", "verticale", "lodret", "vertikalt", "pysty", "pion"}
	wordsContact  = []string{"contact", "kontakt", "contatto", "contacto", "contato"}
	wordsBalance  = []string{"balance", "balans", "equilibr", "bilanc", "balanse"}
	wordsSpeed    = []string{"speed", "geschwind", "vitesse", "velocidad", "velocita", "snelheid", "velocidade", "hastighed", "hastighet", "fart"}
	wordsPower    = []string{"power", "leistung", "puissance", "potencia", "potenza", "vermogen", "effekt", "kraft", "watt"}
	wordsNotAvg   = append(append([]string{}, wordsMax...), wordsMin...)
	// wordsGrade mark Strava's grade columns ("Gemiddeld positief
	// stijgingspercentage", "Durchschnittliche positive Steigung", "Grado
	// positivo promedio"), which are no ascent or descent.
	wordsGrade = []string{"percent", "grade", "grado", "steigung", "pendiente"}
)

// garminSummary is Garmin Connect's Activities.csv (the activity list's
// "Export CSV"), which Garmin writes in the account's language.
var garminSummary = summaryExport{
	name:     "Garmin Connect Activities.csv",
	required: []summaryField{colType, colDate},
	columns: []summaryColumn{
		{colType, byLang{
			"en": {"Activity Type"}, "de": {"Aktivitätstyp"}, "fr": {"Type d'activité"},
			"es": {"Tipo de actividad"}, "it": {"Tipo di attività"}, "nl": {"Activiteittype", "Activiteitstype"},
			"pt": {"Tipo de atividade"}, "da": {"Aktivitetstype"}, "sv": {"Aktivitetstyp"}, "no": {"Aktivitetstype"},
			"pl": {"Typ aktywności"}, "fi": {"Suorituksen tyyppi"}, "hu": {"Tevékenység típusa"},
		}, meaning{all: [][]string{{"typ", "type", "tipo", "art", "tyyppi", "tipus"}, wordsActivity}}},
		{colDate, byLang{
			"en": {"Date"}, "de": {"Datum"}, "fr": {"Date"}, "es": {"Fecha"}, "it": {"Data"}, "nl": {"Datum"},
			"pt": {"Data"}, "da": {"Dato"}, "sv": {"Datum"}, "no": {"Dato"}, "pl": {"Data"}, "fi": {"Päiväys"},
			"hu": {"Dátum"},
		}, meaning{all: [][]string{{"date", "datum", "dato", "data", "fecha", "paivays"}}}},
		{colTitle, byLang{
			"en": {"Title"}, "de": {"Titel"}, "fr": {"Titre"}, "es": {"Título"}, "it": {"Titolo"}, "nl": {"Titel"},
			"pt": {"Título"}, "da": {"Titel"}, "sv": {"Titel", "Namn"}, "no": {"Tittel"}, "pl": {"Tytuł"},
			"fi": {"Otsikko"}, "hu": {"Cím"},
		}, meaning{all: [][]string{{"title", "titel", "titre", "titolo", "titulo", "tittel", "=namn", "tytul", "otsikko", "=cim"}}}},
		{colDistance, byLang{
			"en": {"Distance"}, "de": {"Distanz"}, "fr": {"Distance"}, "es": {"Distancia"}, "it": {"Distanza"},
			"nl": {"Afstand"}, "pt": {"Distância"}, "da": {"Distance"}, "sv": {"Distans", "Sträcka"},
			"no": {"Distanse", "Avstand"}, "pl": {"Dystans"}, "fi": {"Matka"}, "hu": {"Távolság"},
		}, meaning{all: [][]string{{"dist", "afstand", "strecke", "stracka", "avstand", "dyst", "=matka", "tavolsag"}}, none: wordsAvg}},
		{colTime, byLang{
			"en": {"Time"}, "de": {"Zeit"}, "fr": {"Durée"}, "es": {"Tiempo"}, "it": {"Tempo"}, "nl": {"Tijd"},
			"pt": {"Tempo"}, "da": {"Tid"}, "sv": {"Tid"}, "no": {"Tid"}, "pl": {"Czas"},
			"fi": {"Aika"}, "hu": {"Idő"},
		}, meaning{}}, // "tempo" is pace in Danish: no guessing on this one
		{colMoving, byLang{
			"en": {"Moving Time"}, "de": {"Zeit in Bewegung"}, "fr": {"Temps de déplacement"},
			"es": {"Tiempo en movimiento"}, "it": {"Tempo in movimento"}, "nl": {"Tijd bewogen"},
			"pt": {"Tempo em movimento"}, "da": {"Tid i bevægelse"}, "sv": {"Tid i rörelse", "Färdtid"},
			"no": {"Tid i bevegelse"}, "pl": {"Czas ruchu"}, "hu": {"Menetidő"},
		}, meaning{all: [][]string{wordsTime, {"moving", "beweg", "bevaeg", "bevegelse", "rorelse", "deplacement", "movimento", "movimiento", "bewogen", "fardtid", "ruchu", "menetido"}}}},
		{colElapsed, byLang{
			"en": {"Elapsed Time"}, "de": {"Verstrichene Zeit"}, "fr": {"Temps écoulé"},
			"es": {"Tiempo transcurrido"}, "it": {"Tempo trascorso"}, "nl": {"Verstreken tijd"},
			"pt": {"Tempo transcorrido", "Tempo decorrido", "Duração"}, "da": {"Forløbet tid", "Tidsforbrug"},
			"sv": {"Förfluten tid", "Total tid"}, "no": {"Medgått tid"}, "pl": {"Upłynęło czasu"}, "hu": {"Eltelt idő"},
		}, meaning{all: [][]string{{"elapsed", "verstrich", "ecoule", "trascors", "transcorr", "transcurr", "decorr", "verstreken", "medgatt", "forflut", "forlob", "tidsforbrug", "total tid", "=duracao", "uplyn", "eltelt"}}}},
		{colAvgHR, byLang{
			"en": {"Avg HR"}, "de": {"Ø Herzfrequenz", "Ø HF"}, "fr": {"Fréquence cardiaque moyenne"},
			"es": {"FC media", "Frecuencia cardiaca media"}, "it": {"FC Media"}, "nl": {"Gem. HS", "Gemiddelde hartslag"},
			"pt": {"FC Média"}, "da": {"Gennemsnitlig puls", "Gns. puls"}, "sv": {"Medelpuls", "Genomsnittlig puls"},
			"no": {"Gjennomsnittlig puls"}, "pl": {"Średnie tętno"}, "fi": {"Keskisyke"}, "hu": {"Átlagos pulzusszám"},
		}, meaning{all: [][]string{wordsHR, wordsAvg}, none: wordsNotAvg}},
		{colMaxHR, byLang{
			"en": {"Max HR"}, "de": {"Maximale Herzfrequenz", "Max. HF"}, "fr": {"Fréquence cardiaque maximale"},
			"es": {"FC máxima", "Frecuencia cardiaca máxima"}, "it": {"FC max"}, "nl": {"Max. HS", "Maximale hartslag"},
			"pt": {"FC máxima"}, "da": {"Maks. puls"}, "sv": {"Maxpuls"}, "no": {"Makspuls"},
			"pl": {"Maksymalne tętno"}, "fi": {"Maksimisyke"}, "hu": {"Max. pulzus"},
		}, meaning{all: [][]string{wordsHR, {"max", "maks", "maxi", "massim", "hochst"}}, none: wordsAvg}},
		// A cadence column named for another sport (bike, swim) is
		// colBikeCadence. The Dutch "Gem. slagen" (strokes) and the Finnish
		// "Keskijuoksunopeus" (running speed) stand where English has
		// "Avg Run Cadence" and hold 160–190 on runs in real exports.
		{colCadence, byLang{
			"en": {"Avg Run Cadence", "Avg Cadence"}, "de": {"Ø Schrittfrequenz (Laufen)"},
			"fr": {"Cadence de course moyenne"}, "es": {"Cadencia de carrera media"}, "it": {"Cadenza di corsa media"},
			"nl": {"Gemiddelde loopcadans", "Gem. loopcadans", "Gem. cadans", "Gem. slagen"}, "pt": {"Cadência de corrida média"},
			"da": {"Gennemsnit kadence løb"}, "sv": {"Genomsnittlig löpkadens", "Medelkadens löpning", "Medellöpkadens"},
			"no": {"Gjennomsnittlig frekvens for løping"}, "pl": {"Średni rytm biegu"}, "fi": {"Keskijuoksunopeus"},
		}, meaning{all: [][]string{{"cadence", "cadenc", "kadenz", "kadence", "kadens", "cadans", "cadenza", "schrittfrequenz", "frekvens", "=slagen", "rytm", "juoksunopeus"}},
			none: append([]string{"bike", "velo", "fiets", "cykel", "sykkel", "bici", "tritt", "pedal", "swim", "svomme", "hjart", "herz", "heart", "cardi", "puls", "totaal"}, wordsNotAvg...)}},
		// "Avg Bike Cadence", "Avg Swim Cadence" (en), "Medelcykelkadens"
		// (sv), "Cadência bicicleta média" (pt), "Gennemsnitlig
		// svømmekadence" (da) and "Átl. pedálütem" (hu) are in real
		// exports; the other languages' texts are by meaning (a cadence
		// word and a bike or swim word), which reads them whatever their
		// text.
		{colBikeCadence, byLang{
			"en": {"Avg Bike Cadence", "Avg Swim Cadence"}, "de": {"Ø Trittfrequenz (Radfahren)"}, "fr": {"Cadence de vélo moyenne"},
			"es": {"Cadencia de bici media"}, "it": {"Cadenza bici media"}, "nl": {"Gem. fietscadans"},
			"pt": {"Cadência média de bici", "Cadência bicicleta média"}, "da": {"Gennemsnitlig cykelkadence", "Gennemsnitlig svømmekadence"},
			"sv": {"Genomsnittlig cykelkadens", "Medelcykelkadens"}, "no": {"Gjennomsnittlig sykkelkadens"},
			"hu": {"Átl. pedálütem"},
		}, meaning{all: [][]string{{"cadence", "cadenc", "kadenz", "kadence", "kadens", "cadans", "cadenza", "trittfrequenz", "utem"}, {"bike", "velo", "fiets", "cykel", "sykkel", "bici", "tritt", "pedal", "swim", "svomme"}},
			none: wordsNotAvg}},
		{colAscent, byLang{
			"en": {"Total Ascent"}, "de": {"Anstieg gesamt", "Positiver Höhenunterschied"}, "fr": {"Ascension totale"},
			"es": {"Ascenso total"}, "it": {"Ascesa totale"}, "nl": {"Totale stijging", "Stijging"}, "pt": {"Subida total"},
			"da": {"Højdeforøgelse", "Samlet stigning"}, "sv": {"Total stigning", "Total höjdökning"},
			"no": {"Total stigning", "Stigning totalt"}, "pl": {"Całkowity wznios"}, "hu": {"Teljes emelkedés"},
		}, meaning{all: [][]string{{"ascent", "anstieg", "ascension", "ascenso", "ascesa", "subida", "stijging", "stigning", "hojdeforog", "hojdokning", "positiver", "wznios", "emelked"}}, none: wordsNotAvg}},
		{colDescent, byLang{
			"en": {"Total Descent"}, "de": {"Abstieg gesamt", "Negativer Höhenunterschied"}, "fr": {"Descente totale"},
			"es": {"Descenso total"}, "it": {"Discesa totale"}, "nl": {"Totale daling", "Hoogteverlies"}, "pt": {"Descida total"},
			"da": {"Højdereduktion", "Samlet nedstigning"}, "sv": {"Total nedstigning", "Total höjdminskning", "Totalt nedför"},
			"no": {"Totalt fall"}, "pl": {"Całkowity spadek"}, "hu": {"Teljes süllyedés"},
		}, meaning{all: [][]string{{"descent", "abstieg", "descente", "descenso", "discesa", "descida", "daling", "nedstigning", "fall", "hojdereduk", "hojdminskning", "negativer", "nedfor", "spadek", "sullyed", "verlies"}}, none: wordsNotAvg}},
		{colStride, byLang{
			"en": {"Avg Stride Length"}, "de": {"Ø Schrittlänge"}, "fr": {"Longueur moyenne des foulées"},
			"es": {"Longitud media de zancada"}, "it": {"Lunghezza media passo"}, "nl": {"Gem. staplengte"},
			"pt": {"Comprimento médio da passada"}, "da": {"Gennemsnitlig skridtlængde"}, "sv": {"Genomsnittlig steglängd", "Medelsteglängd"},
			"no": {"Gjennomsnittlig skrittlengde"}, "pl": {"Średnia długość kroku"}, "fi": {"Askeleen keskipituus"},
			"hu": {"Átlagos lépéshossz"},
		}, meaning{all: [][]string{{"stride", "schritt", "foulee", "zancada", "passo", "passada", "stap", "skridt", "skritt", "steg", "kroku", "lepes", "askel"}, {"lang", "length", "longueur", "longitud", "lunghezza", "comprimento", "lengte", "lengde", "laengd", "langd", "dlugosc", "hossz", "pituus"}}}},
		{colVertRatio, byLang{
			"en": {"Avg Vertical Ratio"}, "de": {"Durchschnittliches vertikales Verhältnis"},
			"fr": {"Rapport vertical moyen"}, "es": {"Relación vertical media"}, "it": {"Rapporto verticale medio"},
			"nl": {"Gemiddelde verticale ratio"}, "pt": {"Relação vertical média", "Proporção de média vertical"},
			"da": {"Gennemsnitligt lodret forhold", "Gennemsnitligt vertikalt forhold"},
			"sv": {"Genomsnittligt vertikalt förhållande", "Medelvärde för vertikal kvot"},
			"no": {"Gjennomsnittlig vertikalt forholdstall"}, "fi": {"Keskipystysuhde"},
		}, meaning{all: [][]string{wordsVertical, {"ratio", "verhaltnis", "rapport", "relacion", "relacao", "forhold", "forhall", "kvot", "proporc", "suhde"}}}},
		{colVertOsc, byLang{
			"en": {"Avg Vertical Oscillation"}, "de": {"Ø vertikale Bewegung"}, "fr": {"Oscillation verticale moyenne"},
			"es": {"Oscilación vertical media"}, "it": {"Oscillazione verticale media"}, "nl": {"Gem. verticale oscillatie"},
			"pt": {"Oscilação vertical média"}, "da": {"Gennemsnitlig lodret svingning", "Gennemsnitligt vertikalt udsving"},
			"sv": {"Genomsnittlig vertikal oscillation", "Medelvärde för vertikal rörelse"}, "no": {"Gjennomsnittlig vertikal oscillasjon"},
			"pl": {"Średnie odchylenie pionowe"}, "fi": {"Keskimääräinen pystysuuntainen liikehdintä"},
		}, meaning{all: [][]string{wordsVertical, {"oscil", "bewegung", "svingning", "rorelse", "udsving", "odchyl", "liikehd"}}}},
		{colGCT, byLang{
			"en": {"Avg Ground Contact Time"}, "de": {"Ø Bodenkontaktzeit"}, "fr": {"Temps de contact moyen avec le sol"},
			"es": {"Tiempo medio de contacto con el suelo"}, "it": {"Tempo medio di contatto con il suolo"},
			"nl": {"Gem. grondcontacttijd"}, "pt": {"Tempo médio de contato com o solo"},
			"da": {"Gennemsnitlig jordkontakttid", "Gennemsnitlig kontakt med jorden"},
			"sv": {"Genomsnittlig markkontakttid", "Medeltid för markkontakt"},
			"no": {"Gjennomsnittlig tid med bakkekontakt"},
		}, meaning{all: [][]string{wordsContact, append([]string{"zeit", "tijd", "tid", "jorden"}, wordsTime...)}, none: wordsBalance}},
		{colBalance, byLang{
			"en": {"Avg GCT Balance"}, "de": {"Durchschnittliche Balance der Bodenkontaktzeit"},
			"fr": {"Équilibre moyen du temps de contact avec le sol", "Equilibre TCS moyen"},
			"es": {"Equilibrio medio de tiempo de contacto con el suelo"},
			"it": {"Bilanciamento medio tempo di contatto con il suolo"}, "nl": {"Gem. GCT-balans"},
			"pt": {"Equilíbrio médio do tempo de contato com o solo", "Equilíbrio de GCT médio"},
			"da": {"Gennemsnitlig balance for jordkontakttid", "Gennemsnitlig GCT-balance"},
			"sv": {"Genomsnittlig balans för markkontakttid", "Medelkontakttidsbalans"},
			"no": {"Gjennomsnittlig balanse for tid med bakkekontakt"},
		}, meaning{all: [][]string{wordsBalance, append([]string{"gct", "=tcs"}, wordsContact...)}}},
		{colPower, byLang{
			"en": {"Avg Power"}, "de": {"Ø Leistung"}, "fr": {"Puissance moyenne", "Puissance moy."}, "es": {"Potencia media"},
			"it": {"Potenza media"}, "nl": {"Gem. vermogen"}, "pt": {"Potência média"},
			"da": {"Gennemsnitlig effekt"}, "sv": {"Medeleffekt", "Genomsnittlig effekt", "Medelkraft", "Med. kraft"},
			"no": {"Gjennomsnittlig kraft"},
		}, meaning{all: [][]string{wordsPower, wordsAvg}, none: append([]string{"norm", "weighted", "gewicht"}, wordsNotAvg...)}},
	},

	// Activity-type names. Garmin Connect writes the name of the type in
	// the account's language (older exports write Garmin's key, such as
	// "street_running", which sportFromName reads). The names real
	// exports show, and the export, are in docs/sources/activity-labels.md;
	// a name there marked inferred stays only because runWords (below)
	// reads it the same way, so it adds nothing a guess could break.
	sports: []summarySport{
		{SportRunning, byLang{
			"en": {"Running", "Street Running", "Track Running", "Indoor Running", "Ultra Run", "Ultra Running", "Obstacle Run"},
			"de": {"Laufen", "Straßenlauf", "Bahnlauf", "Laufen auf der Bahn", "Laufen im Freien", "Indoor-Laufen", "Ultralauf"},
			"fr": {"Course à pied", "Course sur route", "Course sur piste", "Course à pied urbaine", "Course à pied sur piste", "Course à pied en salle"},
			"es": {"Carrera", "Correr", "Carrera en pista", "Carrera en interior", "Carrera en la calle"},
			"it": {"Corsa", "Corsa su pista", "Corsa su strada", "Corsa indoor"}, "nl": {"Hardlopen", "Binnen hardlopen"},
			"pt": {"Corrida", "Corrida de rua", "Corrida em pista", "Corrida na pista", "Corrida indoor"}, "da": {"Løb", "Baneløb"}, "sv": {"Löpning", "Banlöpning"},
			"no": {"Løping", "Baneløping", "Løping innendørs"}, "pl": {"Bieganie"}, "hu": {"Futás", "Beltéri futás", "Teremfutás"},
		}},
		{SportTrail, byLang{
			"en": {"Trail Running"}, "de": {"Trailrunning", "Traillauf", "Trail-Lauf"}, "es": {"Trail running", "Carrera por montaña"},
			"it": {"Trail running", "Corsa in montagna"}, "nl": {"Trailrunning"}, "pt": {"Trail running", "Corrida em trilha", "Corrida em trilhas"},
			"da": {"Trailløb", "Løb terræn"}, "sv": {"Trailrunning", "Terränglöpning"}, "no": {"Terrengløping", "Terrengløp"},
		}},
		{SportTreadmill, byLang{
			"en": {"Treadmill Running"}, "de": {"Laufband", "Laufbandtraining", "Laufband-Laufen"},
			"fr": {"Course sur tapis", "Tapis de course", "Course sur tapis roulant", "Course à pied sur tapis roulant"},
			"es": {"Carrera en cinta", "Correr en cinta", "Entrenamiento en cinta"}, "it": {"Corsa sul tapis roulant"}, "nl": {"Hardlopen op loopband"},
			"pt": {"Corrida em esteira", "Corrida na esteira"}, "da": {"Løbebånd"}, "sv": {"Löpband"}, "no": {"Løping på tredemølle"},
		}},
		{SportVirtual, byLang{
			"en": {"Virtual Run", "Virtual Running"}, "de": {"Virtueller Lauf", "Virtuelles Laufen"}, "fr": {"Course virtuelle"}, "es": {"Carrera virtual"},
			"it": {"Corsa virtuale"}, "nl": {"Virtueel hardlopen"}, "pt": {"Corrida virtual"}, "da": {"Virtuelt løb"},
			"sv": {"Virtuell löpning"}, "no": {"Virtuell løping"},
		}},
		{SportCycling, byLang{
			"en": {"Cycling", "Road Cycling", "Mountain Biking", "Indoor Cycling", "Gravel Cycling", "Virtual Cycling"},
			"de": {"Radfahren", "Rennradfahren", "Mountainbiken", "Indoor-Radfahren", "Virtuelles Radfahren", "Gravel/Offroad-Radfahren", "E-Mountainbike-Fahren"},
			"fr": {"Cyclisme", "Vélo", "VTT", "Cyclisme en salle", "Vélo d'intérieur", "Cyclisme sur route"},
			"es": {"Ciclismo", "Ciclismo en ruta", "Bicicleta de montaña", "Ciclismo en interior"},
			"it": {"Ciclismo", "Mountain bike", "Ciclismo indoor"}, "nl": {"Fietsen", "Wielrennen", "Mountainbiken", "Binnenfietsen"},
			"pt": {"Ciclismo", "Ciclismo de estrada", "Mountain bike", "Ciclismo indoor", "Ciclismo em estradas", "Ciclismo em local fechado", "Ciclismo na montanha", "Ciclismo virtual"},
			"da": {"Cykling", "Mountainbike", "Indendørs cykling", "Cykling på grusveje"},
			"sv": {"Cykling", "Landsvägscykling", "Mountainbike", "Inomhuscykling"}, "no": {"Sykling", "Terrengsykling", "Innendørssykling"},
			"hu": {"Kerékpározás", "Szobakerékpározás"},
		}},
		{SportSwimming, byLang{
			"en": {"Pool Swimming", "Pool Swim", "Open Water Swimming", "Swimming"},
			"de": {"Schwimmbadschwimmen", "Freiwasserschwimmen", "Schwimmen"}, "fr": {"Natation en piscine", "Natation en eau libre", "Natation", "Nat. piscine"},
			"es": {"Natación en piscina", "Natación en aguas abiertas", "Natación"}, "it": {"Nuoto in piscina", "Nuoto in acque libere", "Nuoto"},
			"nl": {"Zwembadzwemmen", "Openwaterzwemmen", "Zwemmen"}, "pt": {"Natação em piscina", "Natação em águas abertas", "Natação", "Natação em alto mar"},

			"da": {"Svømning i pool", "Bassinsvømning", "Svømning i åbent vand", "Svømning", "Svøm i pool"},
			"sv": {"Simning i bassäng", "Bassängsimning", "Simning i öppet vatten", "Simning", "Simbassäng"},
			"no": {"Bassengsvømming", "Svømming i åpent vann", "Svømming"}, "hu": {"Nyíltvízi úszás"},
		}},
		{SportWalking, byLang{
			"en": {"Walking", "Casual Walking"}, "de": {"Gehen", "Spazieren gehen"}, "fr": {"Marche", "Marche à pied"}, "es": {"Caminar", "Caminata"}, "it": {"Camminata"},
			"nl": {"Wandelen"}, "pt": {"Caminhada"}, "da": {"Gang", "Gåtur"}, "sv": {"Promenad", "Gång"}, "no": {"Gåing", "Gange", "Gåtur"},
			"hu": {"Gyaloglás"},
		}},
		{SportHiking, byLang{
			"en": {"Hiking"}, "de": {"Wandern"}, "fr": {"Randonnée"}, "es": {"Senderismo"}, "it": {"Escursionismo"},
			"nl": {"Hiken", "Bergwandelen"}, "pt": {"Trilha", "Caminhada em trilha"}, "da": {"Vandring"}, "sv": {"Vandring"},
			"no": {"Fotturer", "Tur"},
		}},
		{SportStrength, byLang{
			"en": {"Strength Training", "Strength"}, "de": {"Krafttraining"}, "fr": {"Musculation"},
			"es": {"Entrenamiento de fuerza", "Fuerza"}, "it": {"Allenamento della forza", "Forza"}, "nl": {"Krachttraining"},
			"pt": {"Treino de força", "Musculação"}, "da": {"Styrketræning"}, "sv": {"Styrketräning"}, "no": {"Styrketrening"},
			"hu": {"Erősítő edzés"},
		}},
		{SportMobility, byLang{
			"en": {"Yoga", "Pilates", "Stretching", "Mobility"}, "de": {"Yoga", "Pilates", "Dehnen", "Mobilität"},
			"fr": {"Yoga", "Pilates", "Étirements", "Mobilité"}, "es": {"Yoga", "Pilates", "Estiramientos", "Movilidad"},
			"it": {"Yoga", "Pilates", "Stretching", "Mobilità"}, "nl": {"Yoga", "Pilates", "Stretchen", "Mobiliteit"},
			"pt": {"Ioga", "Yoga", "Pilates", "Alongamento", "Mobilidade"}, "da": {"Yoga", "Pilates", "Udstrækning", "Mobilitet"},
			"sv": {"Yoga", "Pilates", "Stretching", "Rörlighet"}, "no": {"Yoga", "Pilates", "Tøying", "Mobilitet"},
		}},
		{SportOther, byLang{
			"en": {"Rowing", "Indoor Rowing", "Stand Up Paddleboarding", "Kayaking", "Cardio", "Elliptical", "Stair Stepper", "HIIT",
				"Other", "Gym & Fitness Equipment", "Resort Skiing/Snowboarding", "Multisport"},
			"de": {"Rudern", "Indoor-Rudern", "Rudermaschine", "Stand-Up-Paddling", "Kajakfahren", "Cardio", "Crosstrainer", "Atemübung", "Sonstige", "Langlauf", "Klassischer Langlauf", "Langlauf Freistil"},
			"fr": {"Aviron", "Aviron en salle", "Stand up paddle", "Kayak", "Cardio", "Elliptique", "Exercice de respiration", "Autre", "Rameur d'intérieur"},

			"es": {"Remo", "Remo en interior", "Stand up paddle", "Kayak", "Cardio", "Elíptica"},
			"it": {"Canottaggio", "Vogatore", "Stand up paddle", "Kayak", "Cardio", "Ellittica"},
			"nl": {"Roeien", "Indoor roeien", "Suppen", "Kajakken", "Cardio", "Crosstrainer"},
			"pt": {"Remo", "Remo indoor", "Stand up paddle", "Caiaque", "Cardio", "Cardiovascular", "Elíptico"},
			"da": {"Roning", "Indendørs roning", "Stand up paddle", "Kajak", "Cardio", "Crosstrainer"},
			"sv": {"Rodd", "Inomhusrodd", "Stand up paddle", "Kajak", "Kondition", "Crosstrainer",
				// Real exports' other sports. Cross-country skiing has to be
				// named: its pace and cadence would pass for running.
				"Konditionspass", "Annan", "Längdskidåkning klassisk stil", "Längdskidåkning fristil",
				"Utförsåkning i pist", "Tennis", "Racketsporter", "Padel", "Badminton", "Discgolf", "Golf", "Squash"},
			"no": {"Roing", "Innendørs roing", "Stand up padling", "Kajakk", "Kondisjon", "Ellipsemaskin", "Utholdenhet", "Romaskin"},
			"hu": {"Kardió", "Lépcsőzés", "Légzőgyakorlat"},
		}},
	},
}

// stravaSummary is Strava's activities.csv (bulk export, "Download your
// account"), written in the account's language. Column names repeat: the
// first "Elapsed Time" and "Distance" are display values (km), the second
// ones raw (seconds, metres).
var stravaSummary = summaryExport{
	name:     "Strava activities.csv",
	required: []summaryField{colID, colDate, colType},
	columns: []summaryColumn{
		{colID, byLang{
			"en": {"Activity ID"}, "de": {"Aktivitäts-ID"}, "fr": {"ID de l'activité"}, "es": {"ID de actividad"},
			"it": {"ID attività"}, "nl": {"Activiteits-ID"}, "pt": {"ID da atividade"}, "da": {"Aktivitets-id"},
			"sv": {"Aktivitets-ID"}, "no": {"Aktivitets-ID"},
		}, meaning{all: [][]string{{"id"}, wordsActivity}}},
		{colDate, byLang{
			"en": {"Activity Date"}, "de": {"Aktivitätsdatum"}, "fr": {"Date de l'activité"}, "es": {"Fecha de la actividad"},
			"it": {"Data attività", "Data dell'attività"}, "nl": {"Activiteitsdatum", "Datum van activiteit"}, "pt": {"Data da atividade"},
			"da": {"Aktivitetsdato"}, "sv": {"Aktivitetsdatum"}, "no": {"Aktivitetsdato"},
		}, meaning{all: [][]string{{"date", "datum", "dato", "data", "fecha"}, wordsActivity}}},
		{colTitle, byLang{
			"en": {"Activity Name"}, "de": {"Name der Aktivität"}, "fr": {"Nom de l'activité"}, "es": {"Nombre de la actividad"},
			"it": {"Nome attività", "Nome dell'attività"}, "nl": {"Activiteitsnaam", "Naam activiteit"}, "pt": {"Nome da atividade"},
			"da": {"Aktivitetsnavn"}, "sv": {"Aktivitetsnamn"}, "no": {"Aktivitetsnavn"},
		}, meaning{all: [][]string{{"name", "nom", "nome", "nombre", "naam", "navn", "namn"}, wordsActivity}, none: []string{"file", "fichier", "datei", "archivo", "bestand", "arquivo", "fil"}}},
		{colType, byLang{
			"en": {"Activity Type"}, "de": {"Aktivitätsart"}, "fr": {"Type d'activité"}, "es": {"Tipo de actividad"},
			"it": {"Tipo di attività"}, "nl": {"Activiteitstype"}, "pt": {"Tipo de atividade"}, "da": {"Aktivitetstype"},
			"sv": {"Aktivitetstyp"}, "no": {"Aktivitetstype"},
		}, meaning{all: [][]string{{"typ", "type", "tipo", "art"}, wordsActivity}}},
		{colElapsed, byLang{
			"en": {"Elapsed Time"}, "de": {"Verstrichene Zeit"}, "fr": {"Temps écoulé"}, "es": {"Tiempo transcurrido"},
			"it": {"Tempo trascorso"}, "nl": {"Verstreken tijd"}, "pt": {"Tempo decorrido"}, "da": {"Forløbet tid"},
			"sv": {"Förfluten tid"}, "no": {"Medgått tid"},
		}, meaning{all: [][]string{{"elapsed", "verstrich", "ecoule", "trascors", "transcurr", "decorr", "verstreken", "medgatt", "forflut", "forlob"}}}},
		{colMoving, byLang{
			"en": {"Moving Time"}, "de": {"Bewegungszeit"}, "fr": {"Durée de déplacement"}, "es": {"Tiempo en movimiento"},
			"it": {"Tempo in movimento"}, "nl": {"Beweegtijd", "Tijd in beweging"}, "pt": {"Tempo de movimentação", "Tempo em movimento"},
			"da": {"Bevægelsestid"}, "sv": {"Rörelsetid", "Tid i rörelse"}, "no": {"Bevegelsestid"},
		}, meaning{all: [][]string{append([]string{"beweegtijd"}, wordsTime...), {"moving", "beweg", "beweeg", "bevaeg", "bevegelse", "rorelse", "deplacement", "movimenta", "movimento", "movimiento"}}}},
		{colDistance, byLang{
			"en": {"Distance"}, "de": {"Distanz"}, "fr": {"Distance"}, "es": {"Distancia"}, "it": {"Distanza"},
			"nl": {"Afstand"}, "pt": {"Distância"}, "da": {"Distance"}, "sv": {"Distans"}, "no": {"Distanse"},
		}, meaning{all: [][]string{{"dist", "afstand"}}, none: wordsAvg}},
		{colMaxHR, byLang{
			"en": {"Max Heart Rate"}, "de": {"Max. Herzfrequenz"}, "fr": {"Fréquence cardiaque max."},
			"es": {"Frecuencia cardiaca máxima", "Ritmo cardíaco máx."}, "it": {"Frequenza cardiaca massima"}, "nl": {"Max. hartslag"},
			"pt": {"Frequência cardíaca máxima"}, "da": {"Maks. puls"}, "sv": {"Maxpuls"}, "no": {"Makspuls"},
		}, meaning{all: [][]string{wordsHR, {"max", "maks", "maxi", "massim", "hochst"}}, none: wordsAvg}},
		{colAvgHR, byLang{
			"en": {"Average Heart Rate"}, "de": {"Durchschnittliche Herzfrequenz"}, "fr": {"Fréquence cardiaque moyenne"},
			"es": {"Frecuencia cardiaca media", "Ritmo cardíaco promedio"}, "it": {"Frequenza cardiaca media"}, "nl": {"Gemiddelde hartslag"},
			"pt": {"Frequência cardíaca média"}, "da": {"Gennemsnitlig puls"}, "sv": {"Genomsnittlig puls"},
			"no": {"Gjennomsnittspuls", "Gjennomsnittlig puls"},
		}, meaning{all: [][]string{wordsHR, wordsAvg}, none: wordsNotAvg}},
		{colAvgSpeed, byLang{
			"en": {"Average Speed"}, "de": {"Durchschnittliche Geschwindigkeit"}, "fr": {"Vitesse moyenne"},
			"es": {"Velocidad media", "Velocidad promedio"}, "it": {"Velocità media"}, "nl": {"Gemiddelde snelheid"}, "pt": {"Velocidade média"},
			"da": {"Gennemsnitlig hastighed"}, "sv": {"Genomsnittshastighet", "Genomsnittlig hastighet"}, "no": {"Gjennomsnittsfart"},
		}, meaning{all: [][]string{wordsSpeed, wordsAvg}, none: wordsNotAvg}},
		{colAscent, byLang{
			"en": {"Elevation Gain"}, "de": {"Höhenzunahme"}, "fr": {"Dénivelé positif"}, "es": {"Desnivel positivo"},
			"it": {"Dislivello positivo"}, "nl": {"Hoogteverschil", "Hoogtewinst", "Totale stijging"}, "pt": {"Ganho de elevação"},
			"da": {"Stigning", "Højdestigning"}, "sv": {"Höjdökning"}, "no": {"Høydestigning"},
		}, meaning{all: [][]string{{"gain", "zunahme", "positi", "ganho", "winst", "hoogteverschil", "stigning", "stijging", "okning"}}, none: wordsGrade}},
		{colDescent, byLang{
			// German "Höhenunterschied" is the loss column, as a public
			// importer of German exports reads it.
			"en": {"Elevation Loss"}, "de": {"Höhenunterschied", "Höhenabnahme"}, "fr": {"Dénivelé négatif"},
			"es": {"Desnivel negativo"}, "it": {"Dislivello negativo"}, "nl": {"Hoogteverlies", "Totale daling"}, "pt": {"Perda de elevação"},
			"da": {"Fald", "Højdefald"}, "sv": {"Höjdminskning"}, "no": {"Høydefall"},
		}, meaning{all: [][]string{{"loss", "abnahme", "hohenunterschied", "negati", "perda", "verlies", "fald", "fall", "minskning", "daling"}}, none: wordsGrade}},
		{colCadence, byLang{
			"en": {"Average Cadence"}, "de": {"Durchschnittliche Trittfrequenz"}, "fr": {"Cadence moyenne"},
			"es": {"Cadencia media", "Cadencia promedio"}, "it": {"Cadenza media"}, "nl": {"Gemiddelde cadans"}, "pt": {"Cadência média"},
			"da": {"Gennemsnitlig kadence"}, "sv": {"Genomsnittlig kadens"}, "no": {"Gjennomsnittlig kadens"},
		}, meaning{all: [][]string{{"cadence", "cadenc", "kadenz", "kadence", "kadens", "cadans", "cadenza", "frequenz"}, wordsAvg}, none: wordsNotAvg}},
		{colPower, byLang{
			"en": {"Average Watts"}, "de": {"Durchschnittliche Watt", "Durchschnittliche Wattzahl"}, "fr": {"Puissance moyenne"},
			"es": {"Vatios medios", "Vatios promedio"}, "it": {"Watt medi"}, "nl": {"Gemiddeld wattage"}, "pt": {"Watts médios"},
			"da": {"Gennemsnitlig watt"}, "sv": {"Genomsnittlig watt"}, "no": {"Gjennomsnittlig watt"},
		}, meaning{all: [][]string{append([]string{"vatios"}, wordsPower...), wordsAvg}, none: append([]string{"weighted", "gewicht", "pondere", "ponderad"}, wordsNotAvg...)}},
		{colGear, byLang{
			"en": {"Activity Gear"}, "de": {"Aktivitätsausrüstung"}, "fr": {"Matériel utilisé pour l'activité"},
			"es": {"Equipo de la actividad", "Equipamiento de la actividad"}, "it": {"Attrezzatura attività"}, "nl": {"Uitrusting voor activiteit"},
			"pt": {"Equipamento da atividade"}, "da": {"Aktivitetsudstyr"}, "sv": {"Aktivitetsutrustning"}, "no": {"Aktivitetsutstyr"},
		}, meaning{all: [][]string{{"gear", "ausrust", "materiel", "equipo", "equipamiento", "attrezzatura", "uitrusting", "equipamento", "udstyr", "utrustning", "utstyr"}}}},
		{colFile, byLang{
			"en": {"Filename"}, "de": {"Dateiname"}, "fr": {"Nom du fichier"}, "es": {"Nombre del archivo", "Nombre de archivo"},
			"it": {"Nome file"}, "nl": {"Bestandsnaam"}, "pt": {"Nome do arquivo"}, "da": {"Filnavn"}, "sv": {"Filnamn"},
			"no": {"Filnavn"},
		}, meaning{all: [][]string{{"file", "datei", "fichier", "archivo", "bestand", "arquivo", "filnavn", "filnamn"}}}},
		{colRPE, byLang{
			"en": {"Perceived Exertion"}, "de": {"Wahrgenommene Anstrengung"}, "fr": {"Effort perçu"},
			"es": {"Esfuerzo percibido"}, "it": {"Sforzo percepito"}, "nl": {"Waargenomen inspanning", "Ervaren inspanning"},
			"pt": {"Esforço percebido"}, "da": {"Oplevet anstrengelse"}, "sv": {"Upplevd ansträngning"},
			"no": {"Opplevd anstrengelse"},
		}, meaning{all: [][]string{{"exert", "anstreng", "effort", "esfuerzo", "sforzo", "inspanning", "esforco", "anstrangning"}, {"perceiv", "wahrgenommen", "empfunden", "percu", "ressent", "percib", "percep", "waargenomen", "perceb", "oplevet", "upplevd", "opplevd", "ervaren"}}, none: []string{"prefer", "bevorzug", "usar", "usa", "gebruik", "foretruk", "foredrag", "foretrekk", "voorkeur"}}},
	},
	// Strava writes the activity type in the account's language too
	// (docs/sources/activity-labels.md: real exports in Dutch, Spanish,
	// English, and one German row; the other names are inferred and read
	// the same way by runWords).
	sports: []summarySport{
		{SportRunning, byLang{
			"en": {"Run"}, "de": {"Lauf", "Laufen"}, "fr": {"Course à pied", "Course"}, "es": {"Carrera", "Correr"},
			"it": {"Corsa"}, "nl": {"Hardloopsessie", "Hardlopen"}, "pt": {"Corrida"}, "da": {"Løb"}, "sv": {"Löpning"},
			"no": {"Løping", "Løp"},
		}},
		{SportTrail, byLang{
			"en": {"Trail Run"}, "de": {"Traillauf", "Trailrunning", "Trailrun"},
			"es": {"Carrera por montaña", "Carrera de trail", "Carrera por senderos"},
			"it": {"Trail running", "Corsa in montagna", "Corsa su trail"}, "nl": {"Trailrun"}, "pt": {"Corrida em trilha"},
			"da": {"Trailløb"}, "sv": {"Terränglöpning"}, "no": {"Terrengløp", "Terrengløping"},
		}},
		{SportVirtual, byLang{
			"en": {"Virtual Run"}, "de": {"Virtueller Lauf"}, "fr": {"Course à pied virtuelle", "Course virtuelle"},
			"es": {"Carrera virtual"}, "it": {"Corsa virtuale"}, "nl": {"Virtuele hardloopsessie", "Virtueel hardlopen"},
			"pt": {"Corrida virtual"}, "da": {"Virtuelt løb"}, "sv": {"Virtuell löpning"}, "no": {"Virtuell løping"},
		}},
		{SportCycling, byLang{
			"en": {"Ride", "Virtual Ride", "Mountain Bike Ride", "Gravel Ride", "E-Bike Ride", "E-Mountain Bike Ride", "Handcycle", "Velomobile"},
			"de": {"Radfahrt", "Virtuelle Radfahrt", "Mountainbikefahrt", "Gravel-Fahrt", "E-Bike-Fahrt", "E-Bike-Radfahrt"},
			"fr": {"Vélo", "Vélo virtuel", "VTT", "Vélo gravel", "Vélo électrique", "Sortie vélo", "Sortie vélo virtuelle", "Sortie vélo électrique"}, "es": {"Bicicleta", "Ciclismo", "Bicicleta virtual", "Bicicleta de montaña", "Vuelta ciclista"},
			"it": {"Giro in bici", "Ciclismo", "Giro in bici virtuale", "Mountain bike"}, "nl": {"Rit", "Fietsrit", "Virtuele rit", "Mountainbikerit"},
			"pt": {"Pedalada", "Ciclismo", "Pedalada virtual", "Mountain bike"}, "da": {"Cykeltur", "Virtuel cykeltur", "Mountainbiketur"},
			"sv": {"Cykeltur", "Cykling", "Virtuell cykeltur", "Mountainbiketur"}, "no": {"Sykkeltur", "Sykling", "Virtuell sykkeltur", "Terrengsykkeltur"},
		}},
		{SportSwimming, byLang{
			"en": {"Swim"}, "de": {"Schwimmen"}, "fr": {"Natation"}, "es": {"Natación"}, "it": {"Nuoto"}, "nl": {"Zwemmen"},
			"pt": {"Natação"}, "da": {"Svømning"}, "sv": {"Simning"}, "no": {"Svømming"},
		}},
		{SportWalking, byLang{
			"en": {"Walk"}, "de": {"Spaziergang", "Gehen"}, "fr": {"Marche"}, "es": {"Caminata", "Caminar"}, "it": {"Camminata"},
			"nl": {"Wandeling", "Wandelen"}, "pt": {"Caminhada"}, "da": {"Gåtur", "Gang"}, "sv": {"Promenad"}, "no": {"Gåtur"},
		}},
		{SportHiking, byLang{
			"en": {"Hike"}, "de": {"Wanderung", "Wandern"}, "fr": {"Randonnée"}, "es": {"Excursionismo", "Senderismo"},
			"it": {"Escursionismo", "Escursione"}, "nl": {"Hike", "Bergwandeling"}, "pt": {"Trilha", "Caminhada em trilha"},
			"da": {"Vandretur", "Vandring"}, "sv": {"Vandring"}, "no": {"Fottur", "Tur"},
		}},
		{SportStrength, byLang{
			"en": {"Weight Training"}, "de": {"Krafttraining"}, "fr": {"Entraînement aux poids", "Musculation"},
			"es": {"Entrenamiento con pesas"}, "it": {"Allenamento con i pesi", "Sollevamento pesi"}, "nl": {"Krachttraining"},
			"pt": {"Treino com pesos", "Musculação"}, "da": {"Vægttræning", "Styrketræning"}, "sv": {"Styrketräning"},
			"no": {"Vekttrening", "Styrketrening"},
		}},
		{SportMobility, byLang{
			"en": {"Yoga", "Pilates"}, "de": {"Yoga", "Pilates"}, "fr": {"Yoga", "Pilates"}, "es": {"Yoga", "Pilates"},
			"it": {"Yoga", "Pilates"}, "nl": {"Yoga", "Pilates"}, "pt": {"Ioga", "Yoga", "Pilates"}, "da": {"Yoga", "Pilates"},
			"sv": {"Yoga", "Pilates"}, "no": {"Yoga", "Pilates"},
		}},
		{SportOther, byLang{
			// "Workout" is Strava's catch-all (HIIT, circuits, anything
			// without its own type): not counted as strength.
			"en": {"Workout", "Rowing", "Virtual Row", "Stand Up Paddling", "Kayaking", "Canoeing", "Crossfit", "Elliptical", "StairStepper", "HIIT",
				"Football (Soccer)", "Ice Skate", "Alpine Ski", "Rock Climb"},
			"de": {"Training", "Rudern", "Stand-Up-Paddling", "Kajakfahren", "Kanufahren", "Crosstrainer"},
			"fr": {"Entraînement", "Aviron", "Stand up paddle", "Kayak", "Canoë", "Elliptique"},
			"es": {"Entrenamiento", "Remo", "Surf de remo", "Kayak", "Piragüismo", "Elíptica"},
			"it": {"Allenamento", "Canottaggio", "Stand up paddle", "Kayak", "Canoa", "Ellittica"},
			"nl": {"Workout", "Training", "Roeien", "Suppen", "Kajakken", "Kayakken", "Kitesurfen", "Kanoën", "Crosstrainer"},

			"pt": {"Treino", "Remo", "Stand up paddle", "Caiaque", "Canoagem", "Elíptico"},
			"da": {"Træning", "Roning", "Stand up paddle", "Kajak", "Kano", "Crosstrainer"},
			"sv": {"Träningspass", "Rodd", "Stand up paddle", "Kajak", "Kanot", "Crosstrainer"},
			"no": {"Treningsøkt", "Roing", "Stand up padling", "Kajakk", "Kano", "Ellipsemaskin"},
		}},
	},
}

// monthNames give the month of a date written with words, folded, in every
// language read ("juin", "mär", "okt", "dic"); abbreviations and full names.
var monthNames = func() map[string]int {
	months := [12][]string{
		{"jan", "january", "januar", "janv", "janvier", "ene", "enero", "gen", "gennaio", "januari", "janeiro"},
		{"feb", "february", "februar", "fev", "fevr", "fevrier", "febrero", "febbraio", "februari", "fevereiro"},
		{"mar", "march", "marz", "maerz", "mars", "marzo", "mrt", "maart", "marco", "marts"},
		{"apr", "april", "avr", "avril", "abr", "abril", "aprile"},
		{"may", "mai", "mayo", "mag", "maggio", "mei", "maio", "maj"},
		{"jun", "june", "juni", "juin", "junio", "giu", "giugno", "junho"},
		{"jul", "july", "juli", "juil", "juillet", "julio", "lug", "luglio", "julho"},
		{"aug", "august", "aout", "ago", "agosto", "augustus", "augusti"},
		{"sep", "sept", "september", "septembre", "septiembre", "set", "settembre", "setembro"},
		{"oct", "october", "okt", "oktober", "octobre", "octubre", "ott", "ottobre", "out", "outubro"},
		{"nov", "november", "novembre", "noviembre", "novembro"},
		{"dec", "december", "dez", "dezember", "decembre", "dic", "diciembre", "dicembre", "dezembro", "des", "desember"},
	}
	m := map[string]int{}
	for i, names := range months {
		for _, n := range names {
			m[n] = i + 1
		}
	}
	return m
}()

// runWordStems are the stems of words for running in the languages read
// (folded: "Løb" is "lob"), for activity-type names no table has: a
// version's new name ("Laufen auf dem Laufband", "Corrida na pista")
// keeps its run. langlauf is cross-country skiing, not running.
var (
	runWordStems   = []string{"lauf", "run", "corr", "carrera", "corsa", "course", "hardlo", "lob", "lop", "lopning", "loping", "jog", "juoks", "bieg", "futas"}
	runWordNot     = []string{"langlauf", "skilanglauf", "rundfahrt", "rundgang"}
	walkWordStems  = []string{"geh", "walk", "marche", "camin", "cammin", "wandel", "gang", "promenad", "spazier", "wander", "hik", "randon", "senderis"}
	treadmillWords = []string{"laufband", "treadmill", "tapis", "cinta", "esteira", "loopband", "lobeband", "lopband", "tredemolle"}
	trailWords     = []string{"trail", "montana", "montagna", "montagne", "berg", "terreng", "terrang", "trilha", "sendero"}
	// virtualWords mark a run on a screen (Zwift and the like).
	virtualWords = []string{"virtu"}
)

// runWords reads a folded activity-type name no table has by its words:
// a word for running (and none for walking or hiking) makes it a run,
// a treadmill or trail word says which. ok is false when no word is one
// for running.
func runWords(folded string) (s Sport, ok bool) {
	words := strings.Fields(folded)
	has := func(stems []string, prefixOnly bool) bool {
		for _, w := range words {
			for _, st := range stems {
				if strings.HasPrefix(w, st) || (!prefixOnly && strings.Contains(w, st)) {
					return true
				}
			}
		}
		return false
	}
	run := false
	for _, w := range words {
		excluded := false
		for _, n := range runWordNot {
			if strings.HasPrefix(w, n) {
				excluded = true
			}
		}
		if excluded {
			continue
		}
		for _, st := range runWordStems {
			// Stems of three letters start the word ("lop", "lob") or, as
			// the head of a Danish or Norwegian compound, end it
			// ("baneløb", "terrengløp"); the others may stand anywhere
			// ("bahnlauf", "trailrunning").
			if strings.HasPrefix(w, st) || (len(st) > 3 && strings.Contains(w, st)) ||
				((st == "lob" || st == "lop") && strings.HasSuffix(w, st)) ||
				(st == "run" && (strings.HasSuffix(w, "run") || strings.HasSuffix(w, "running") || w == "runs")) {
				run = true
			}
		}
	}
	if !run || has(walkWordStems, true) {
		return SportUnknown, false
	}
	switch {
	case has(virtualWords, true):
		return SportVirtual, true
	case has(treadmillWords, false):
		return SportTreadmill, true
	case has(trailWords, false):
		return SportTrail, true
	}
	return SportRunning, true
}

// swimStems are the stems of words for swimming in the languages read.
var swimStems = []string{"swim", "schwimm", "natac", "natat", "nuot", "zwem", "svom", "simn"}

// swimWords reports whether a folded activity-type name no table has is a
// swim by its words ("Bahnenschwimmen", "Nuoto in vasca"), so its
// distance is read in metres.
func swimWords(folded string) bool {
	for _, st := range swimStems {
		if strings.Contains(folded+" ", st) {
			return true
		}
	}
	return false
}

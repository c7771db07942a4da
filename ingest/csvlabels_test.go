package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// realHeader is the first line of a real export (its source is the id in
// docs/sources/activity-labels.md), the column each field must be read
// from, and the export's run name with the sport it must be read as.
type realHeader struct {
	source string
	x      *exportIndex
	header string
	want   map[summaryField]string
	run    string
	sport  Sport
}

var realHeaders = []realHeader{
	{"G-de1", garminIndex,
		"Aktivitätstyp,Datum,Favorit,Titel,Distanz,Kalorien,Zeit,Ø Herzfrequenz,Maximale Herzfrequenz,Ø Schrittfrequenz (Laufen),Max. Schrittfrequenz (Laufen),Ø Pace,Beste Pace,Anstieg gesamt,Abstieg gesamt,Ø Schrittlänge,Durchschnittliches vertikales Verhältnis,Ø vertikale Bewegung,Ø Bodenkontaktzeit,Training Stress Score®,Ø Leistung,Max. Leistung,Grit,Flow,Ø Swolf,Ø Schlagrate,Wiederholungen insgesamt,Tauchzeit,Minimale Temperatur,Oberflächenpause,Dekompression,Beste Rundenzeit,Anzahl der Runden,Maximale Temperatur,Zeit in Bewegung,Verstrichene Zeit,Minimale Höhe,Maximale Höhe",
		map[summaryField]string{colType: "Aktivitätstyp", colDate: "Datum", colTitle: "Titel", colDistance: "Distanz", colTime: "Zeit",
			colAvgHR: "Ø Herzfrequenz", colMaxHR: "Maximale Herzfrequenz", colCadence: "Ø Schrittfrequenz (Laufen)", colAscent: "Anstieg gesamt",
			colDescent: "Abstieg gesamt", colStride: "Ø Schrittlänge", colVertRatio: "Durchschnittliches vertikales Verhältnis",
			colVertOsc: "Ø vertikale Bewegung", colGCT: "Ø Bodenkontaktzeit", colPower: "Ø Leistung", colMoving: "Zeit in Bewegung",
			colElapsed: "Verstrichene Zeit"},
		"Laufen auf der Bahn", SportRunning},
	{"G-fr1", garminIndex,
		"Type d'activité,Date,Favori,Titre,Distance,Calories,Durée,Fréquence cardiaque moyenne,Fréquence cardiaque maximale,TE aérobie,Cadence de course moyenne,Cadence de course maximale,Allure moyenne,Meilleure allure,Ascension totale,Descente totale,Longueur moyenne des foulées,Rapport vertical moyen,Oscillation verticale moyenne,Temps de contact moyen avec le sol,Equilibre TCS moyen,Training Stress Score® (TSS®),Puissance moy.,Puissance max.,Difficulté,Constance,Nombre total de coups,SWOLF moyen,Fréquence moy. des coups,Total répétitions,Total séries,Temps de plongée,Température minimale,Intervalle à la surface,Décompression,Temps du meilleur circuit,Nombre de tours,Température maximale,Fréquence respiratoire moyenne,Fréquence respiratoire minimale,Fréquence respiratoire maximale,Temps de déplacement,Temps écoulé,Altitude minimale,Altitude maximale",
		map[summaryField]string{colType: "Type d'activité", colDate: "Date", colTitle: "Titre", colDistance: "Distance", colTime: "Durée",
			colAvgHR: "Fréquence cardiaque moyenne", colMaxHR: "Fréquence cardiaque maximale", colCadence: "Cadence de course moyenne",
			colAscent: "Ascension totale", colDescent: "Descente totale", colStride: "Longueur moyenne des foulées",
			colVertRatio: "Rapport vertical moyen", colVertOsc: "Oscillation verticale moyenne", colGCT: "Temps de contact moyen avec le sol",
			colBalance: "Equilibre TCS moyen", colPower: "Puissance moy.", colMoving: "Temps de déplacement", colElapsed: "Temps écoulé"},
		"Course à pied", SportRunning},
	{"G-es1", garminIndex,
		"Tipo de actividad,Fecha,Favorito,Título,Distancia,Calorías,Tiempo,Frecuencia cardiaca media,FC máxima,TE aeróbico,Cadencia de carrera media,Cadencia de carrera máxima,Ritmo medio,Ritmo óptimo,Ascenso total,Descenso total,Longitud media de zancada,Training Stress Score®,Pasos,Descompresión,Mejor tiempo de vuelta,Número de vueltas,Tiempo en movimiento,Tiempo transcurrido,Altura mínima,Altura máxima",
		map[summaryField]string{colType: "Tipo de actividad", colDate: "Fecha", colTitle: "Título", colDistance: "Distancia", colTime: "Tiempo",
			colAvgHR: "Frecuencia cardiaca media", colMaxHR: "FC máxima", colCadence: "Cadencia de carrera media", colAscent: "Ascenso total",
			colDescent: "Descenso total", colStride: "Longitud media de zancada", colMoving: "Tiempo en movimiento", colElapsed: "Tiempo transcurrido"},
		"Entrenamiento en cinta", SportTreadmill},
	{"G-pt1", garminIndex,
		"Tipo de atividade,Data,Favorito,Título,Distância,Calorias,Tempo,FC Média,FC máxima,Training Effect Aeróbico,Velocidade média,Velocidade máxima,Subida total,Descida total,Comprimento médio da passada,Proporção de média vertical,Oscilação vertical média,Cadência bicicleta média,Cadência de bicicleta máxima,Normalized Power® (NP®),Equilíbrio E/D,Training Stress Score®,Máximo de potência média (20 minutos),Potência média,Energia máxima,Granularidade,Fluxo,Total de braçadas,Tempo de mergulho,Temp mínima,Intervalo de superfície,Descompressão,Tempo da melhor volta,Número de voltas,Temp máxima,Resposta média,Resposta mínima,Resposta máxima,Tempo em movimento,Duração,Elevação mínima,Elevação máxima,Ritmo médio,Melhor ritmo,Média de Swolf,Taxa média de braçadas,Cadência de corrida média,Cadência de corrida máxima,Tempo médio de contato com o solo,Equilíbrio de GCT médio",
		map[summaryField]string{colType: "Tipo de atividade", colDate: "Data", colTitle: "Título", colDistance: "Distância", colTime: "Tempo",
			colAvgHR: "FC Média", colMaxHR: "FC máxima", colAscent: "Subida total", colDescent: "Descida total",
			colStride: "Comprimento médio da passada", colVertRatio: "Proporção de média vertical", colVertOsc: "Oscilação vertical média",
			colBikeCadence: "Cadência bicicleta média", colPower: "Potência média", colMoving: "Tempo em movimento", colElapsed: "Duração",
			colCadence: "Cadência de corrida média", colGCT: "Tempo médio de contato com o solo", colBalance: "Equilíbrio de GCT médio"},
		"Corrida em trilhas", SportTrail},
	{"G-nl1", garminIndex,
		"Activiteittype,Datum,Favoriet,Titel,Afstand,Calorieën,Tijd,Gem. HS,Max. HS,Aeroob TE,Gem. slagen,[],Gemiddeld tempo,Beste tempo,Stijging,Hoogteverlies,Gem. staplengte,Gemiddelde verticale ratio,Gem. verticale oscillatie,Gem. grondcontacttijd,Gem. GCT balans,Gem. slagen,[],Normalized Power® (NP®),L/R-balans,Training Stress Score®,Maximaal gemiddeld vermogen (20 min),Vermogen,Max. vermogen,Totaal slagen,Gemiddelde Swolf,Gem. slagsnelheid,Max diepte,Bodemtijd,Minimale watertemperatuur,Gastype,Oppervlakte-interval,Decompressie,Gewicht,Stroming,Oppervlakteomstandigheden,Watertype",
		map[summaryField]string{colType: "Activiteittype", colDate: "Datum", colTitle: "Titel", colDistance: "Afstand", colTime: "Tijd",
			colAvgHR: "Gem. HS", colMaxHR: "Max. HS", colCadence: "Gem. slagen", colAscent: "Stijging", colDescent: "Hoogteverlies",
			colStride: "Gem. staplengte", colVertRatio: "Gemiddelde verticale ratio", colVertOsc: "Gem. verticale oscillatie",
			colGCT: "Gem. grondcontacttijd", colBalance: "Gem. GCT balans"},
		"running", SportRunning},
	{"G-da1", garminIndex,
		"Aktivitetstype,Dato,Favorit,Titel,Distance,Kalorier,Tid,Gennemsnitlig puls,Maks. puls,Aerob TE,Gennemsnitlig svømmekadence,Maksimum svømmekadence,Gennemsnitstempo,Bedste tempo,Samlet stigning,Samlet nedstigning,Gennemsnitlig skridtlængde,Gennemsnitligt vertikalt forhold,Gennemsnitligt vertikalt udsving,Gennemsnitlig kontakt med jorden,Gennemsnitlig GCT-balance,Gennemsnitlig NJT,Normalized Power® (NP®),Training Stress Score®,Gennemsnitlig effekt,Maksimal effekt,Samlet antal svømmetag,Gennemsnitlig swolf,Gennemsnitlig hastighed for tag,Skridt,Samlet antal sæt,Afladning af Body Battery,Minimum temperatur,Dekompression,Tid for bedste omgang,Antal omgange,Maksimum temperatur,Gns. antal åndedrag,Min. antal åndedrag,Maks. antal åndedrag,Tid i bevægelse,Tidsforbrug,Minimum højde,Maksimal højde",
		map[summaryField]string{colType: "Aktivitetstype", colDate: "Dato", colTitle: "Titel", colDistance: "Distance", colTime: "Tid",
			colAvgHR: "Gennemsnitlig puls", colMaxHR: "Maks. puls", colBikeCadence: "Gennemsnitlig svømmekadence", colAscent: "Samlet stigning",
			colDescent: "Samlet nedstigning", colStride: "Gennemsnitlig skridtlængde", colVertRatio: "Gennemsnitligt vertikalt forhold",
			colVertOsc: "Gennemsnitligt vertikalt udsving", colGCT: "Gennemsnitlig kontakt med jorden", colBalance: "Gennemsnitlig GCT-balance",
			colPower: "Gennemsnitlig effekt", colMoving: "Tid i bevægelse", colElapsed: "Tidsforbrug"},
		"Løb terræn", SportTrail},
	{"G-da2", garminIndex,
		"Aktivitetstype,Dato,Favorit,Titel,Distance,Kalorier,Tid,Gennemsnitlig puls,Maks. puls,Gennemsnit kadence løb,Maksimum kadence løb,Gennemsnitstempo,Bedste tempo,Højdeforøgelse,Højdereduktion,Gennemsnitlig skridtlængde,Gennemsnitligt vertikalt forhold,Gennemsnitligt vertikalt udsving,Training Stress Score®,Hårdhed,Flow,Bundtid,Minimum temperatur,Overfladeinterval,Dekompression,Tid for bedste omgang,Antal løb,Maksimum temperatur",
		map[summaryField]string{colCadence: "Gennemsnit kadence løb", colAscent: "Højdeforøgelse", colDescent: "Højdereduktion"},
		"Løb", SportRunning},
	{"G-sv1", garminIndex,
		"Aktivitetstyp,Datum,Favorit,Namn,Distans,Kalorier,Tid,Medelpuls,Maxpuls,Aerobisk Training Effect,Medellöpkadens,Maximal löpkadens,Medeltempo,Bästa tempo,Total stigning,Totalt nedför,Medelsteglängd,Medelvärde för vertikal kvot,Medelvärde för vertikal rörelse,Medeltid för markkontakt,Medelkontakttidsbalans,Medelvärde GAP,Normalized Power® (NP®),Training Stress Score®,Med. kraft,Maxkraft,Totalt antal årtag,Medel-Swolf,Medelårtagstempo,Steg,Totalt antal repetitioner,Totalt antal set,Urladdning av Body Battery,Minsta temperatur,Dekompression,Bästa varvtid,Antal varv,Maximal temperatur,Genomsnittlig andning,Minsta andningshastighet,Maximal andningshastighet,Stressändring,Start för stress,Slut för stress,Medestress,Maxbelastning,Färdtid,Total tid,Min. höjd,Max. höjd",
		map[summaryField]string{colType: "Aktivitetstyp", colDate: "Datum", colTitle: "Namn", colDistance: "Distans", colTime: "Tid",
			colAvgHR: "Medelpuls", colMaxHR: "Maxpuls", colCadence: "Medellöpkadens", colAscent: "Total stigning", colDescent: "Totalt nedför",
			colStride: "Medelsteglängd", colVertRatio: "Medelvärde för vertikal kvot", colVertOsc: "Medelvärde för vertikal rörelse",
			colGCT: "Medeltid för markkontakt", colBalance: "Medelkontakttidsbalans", colPower: "Med. kraft", colMoving: "Färdtid",
			colElapsed: "Total tid"},
		"Löpband", SportTreadmill},
	{"G-sv1", garminIndex,
		"Aktivitetstyp,Datum,Favorit,Namn,Distans,Kalorier,Tid,Medelpuls,Maxpuls,Aerobisk Training Effect,Medelcykelkadens,Maximal cykelkadens,Medelfart,Maxfart,Total stigning,Totalt nedför,Medelsteglängd,Medelvärde för vertikal kvot,Medelvärde för vertikal rörelse,Medeltid för markkontakt,Medelkontakttidsbalans,Training Stress Score®,Steg,Dekompression,Bästa varvtid,Antal varv,Medestress,Maxbelastning,Färdtid,Total tid,Min. höjd,Max. höjd",
		map[summaryField]string{colBikeCadence: "Medelcykelkadens"},
		"Längdskidåkning klassisk stil", SportOther},
	{"G-no1", garminIndex,
		"Aktivitetstype,Dato,Favoritt,Tittel,Avstand,Kalorier,Tid,Gjennomsnittlig puls,Makspuls,Aerob treningseffekt,Gjennomsnittlig frekvens for løping,Maksimal frekvens for løping,Gjennomsnittlig tempo,Beste tempo,Total stigning,Totalt fall,Gjennomsnittlig skrittlengde,Gjennomsnittlig vertikalt forholdstall,Gjennomsnittlig vertikal oscillasjon,Gjennomsnittlig tid med bakkekontakt,Gjennomsnittlig frekvens for løping,Maksimal frekvens for løping,Training Stress Score®,Gjennomsnittlig kraft,Maksimal kraft,Vanskelighetsgrad,Flyt,Gjennomsnittlig Swolf,Gjennomsnittlig tempo for tak,Totalt antall repetisjoner,Totalt antall sett,Dykketid,Minimumstemperatur,Overflateintervall,Dekompresjon,Beste rundetid,Antall runder,Makstemperatur,Tid i bevegelse,Medgått tid,Minste høyde,Maksimal høyde",
		map[summaryField]string{colType: "Aktivitetstype", colDate: "Dato", colTitle: "Tittel", colDistance: "Avstand", colTime: "Tid",
			colAvgHR: "Gjennomsnittlig puls", colMaxHR: "Makspuls", colCadence: "Gjennomsnittlig frekvens for løping", colAscent: "Total stigning",
			colDescent: "Totalt fall", colStride: "Gjennomsnittlig skrittlengde", colVertRatio: "Gjennomsnittlig vertikalt forholdstall",
			colVertOsc: "Gjennomsnittlig vertikal oscillasjon", colGCT: "Gjennomsnittlig tid med bakkekontakt", colPower: "Gjennomsnittlig kraft",
			colMoving: "Tid i bevegelse", colElapsed: "Medgått tid"},
		"Terrengløp", SportTrail},
	{"G-pl1", garminIndex,
		"Typ aktywności,Data,Ulubiony,Tytuł,Dystans,Kalorie,Czas,Średnie tętno,Maksymalne tętno,Aerobowy TE,Średni rytm biegu,Maksymalny rytm biegu,Średnie tempo,Najlepsze tempo,Całkowity wznios,Całkowity spadek,Średnia długość kroku,Średnie odchylenie do długości,Średnie odchylenie pionowe,Training Stress Score® (TSS®),Trudność,Płynność,Czas nurkowania,Minimalna temperatura,Przerwa powierzchniowa,Dekompresja,Czas najlepszego okrążenia,Liczba okrążeń,Maksymalna temperatura,Czas ruchu,Upłynęło czasu,Minimalna wysokość,Maksymalna wysokość",
		map[summaryField]string{colType: "Typ aktywności", colDate: "Data", colTitle: "Tytuł", colDistance: "Dystans", colTime: "Czas",
			colAvgHR: "Średnie tętno", colMaxHR: "Maksymalne tętno", colCadence: "Średni rytm biegu", colAscent: "Całkowity wznios",
			colDescent: "Całkowity spadek", colStride: "Średnia długość kroku", colVertOsc: "Średnie odchylenie pionowe",
			colMoving: "Czas ruchu", colElapsed: "Upłynęło czasu"},
		"Bieganie", SportRunning},
	{"G-fi1", garminIndex,
		"Suorituksen tyyppi,Päiväys,Suosikki,Otsikko,Matka,Kalorit,Aika,Keskisyke,Maksimisyke,Keskijuoksunopeus,Maksimijuoksunopeus,Keskitahti,Paras tahti,Askeleen keskipituus,Keskipystysuhde,Keskimääräinen pystysuuntainen liikehdintä,Training Stress Score®,Vaikeus,Kulku,Pohja-aika,Minimilämpötila,Pinta-aika,Paineentasaus,Paras kierrosaika,Juoksujen määrä,Maksimilämpötila",
		map[summaryField]string{colType: "Suorituksen tyyppi", colDate: "Päiväys", colTitle: "Otsikko", colDistance: "Matka", colTime: "Aika",
			colAvgHR: "Keskisyke", colMaxHR: "Maksimisyke", colCadence: "Keskijuoksunopeus", colStride: "Askeleen keskipituus",
			colVertRatio: "Keskipystysuhde", colVertOsc: "Keskimääräinen pystysuuntainen liikehdintä"},
		"street_running", SportRunning},
	{"G-hu1", garminIndex,
		"Tevékenység típusa,Dátum,Kedvenc,Cím,Távolság,Kalóriaszám,Idő,Átlagos pulzusszám,Max. pulzus,Átl. pedálütem,Max. pedálütem,Átlagos tempó,Legjobb tempó,Teljes emelkedés,Teljes süllyedés,Átlagos lépéshossz,Átl. pedálütem,Max. pedálütem,Training Stress Score®,Teljes csapásszám,Lépések,Összes ismétlés,Összes szett,Dekompressziós,Legjobb köridő,Körök száma,Ált. légzés,Min. légzés,Max. légzés,Stresszadatok változása,Kezdő stressz,Befejező stressz,Átl. stressz,Max. stressz,Menetidő,Eltelt idő,Minimális magasság,Maximális magasság",
		map[summaryField]string{colType: "Tevékenység típusa", colDate: "Dátum", colTitle: "Cím", colDistance: "Távolság", colTime: "Idő",
			colAvgHR: "Átlagos pulzusszám", colMaxHR: "Max. pulzus", colBikeCadence: "Átl. pedálütem", colAscent: "Teljes emelkedés",
			colDescent: "Teljes süllyedés", colStride: "Átlagos lépéshossz", colMoving: "Menetidő", colElapsed: "Eltelt idő"},
		"Beltéri futás", SportRunning},
	{"S-nl1", stravaIndex,
		"Activiteits-ID,Datum van activiteit,Naam activiteit,Activiteitstype,Beschrijving van activiteit,Verstreken tijd,Afstand,Max. hartslag,Vergelijkbare poging,Woon-werkverkeer,Privénotitie activiteit,Uitrusting voor activiteit,Bestandsnaam,Gewicht sporter,Gewicht fiets,Verstreken tijd,Beweegtijd,Afstand,Max. snelheid,Gemiddelde snelheid,Totale stijging,Totale daling,Kleinste hoogte,Grootste hoogte,Max. stijgingspercentage,Gemiddeld stijgingspercentage,Gemiddeld positief stijgingspercentage,Gemiddeld negatief stijgingspercentage,Max. cadans,Gemiddelde cadans,Max. hartslag,Gemiddelde hartslag,Maximaal wattage,Gemiddeld wattage,Calorieën,Maximale temperatuur,Gemiddelde temperatuur,Vergelijkbare poging,Totale arbeid,Aantal hardloopsessies,Tijd bergop,Tijd bergaf,Andere tijd,Ervaren inspanning,Type,Starttijd,Gewogen gemiddeld vermogen,Aantal vermogensgegevens,Voorkeur voor ervaren inspanning,Ervaren vergelijkbare poging",
		map[summaryField]string{colID: "Activiteits-ID", colDate: "Datum van activiteit", colTitle: "Naam activiteit", colType: "Activiteitstype",
			colElapsed: "Verstreken tijd", colDistance: "Afstand", colMaxHR: "Max. hartslag", colGear: "Uitrusting voor activiteit",
			colFile: "Bestandsnaam", colMoving: "Beweegtijd", colAvgSpeed: "Gemiddelde snelheid", colAscent: "Totale stijging",
			colDescent: "Totale daling", colCadence: "Gemiddelde cadans", colAvgHR: "Gemiddelde hartslag", colPower: "Gemiddeld wattage",
			colRPE: "Ervaren inspanning"},
		"Hardloopsessie", SportRunning},
	{"S-es1", stravaIndex,
		"Id. de actividad,Fecha de la actividad,Nombre de la actividad,Tipo de actividad,Descripción de la actividad,Tiempo transcurrido,Distancia,Ritmo cardíaco máx.,Esfuerzo relativo,Viaje al trabajo,Nota privada de actividad,Equipamiento de la actividad,Nombre de archivo,Peso del atleta,Peso de la bicicleta,Tiempo transcurrido,Tiempo en movimiento,Distancia,Velocidad máxima,Velocidad promedio,Desnivel positivo,Desnivel negativo,Desnivel bajo,Desnivel alto,Grado máximo,Pendiente promedio,Grado positivo promedio,Grado negativo promedio,Cadencia máx.,Cadencia promedio,Ritmo cardíaco máx.,Ritmo cardíaco promedio,Máx. de vatios,Vatios promedio,Calorías,Temperatura máx.,Temperatura promedio,Esfuerzo relativo,Esfuerzo total,Cantidad de carreras,Tiempo de ascenso,Tiempo de descenso,Otro tiempo,Esfuerzo Percibido,Tipo,Hora de inicio,Potencia promedio ponderada,Conteo de potencia,Usar Esfuerzo Percibido,Esfuerzo relativo percibido",
		map[summaryField]string{colID: "Id. de actividad", colDate: "Fecha de la actividad", colTitle: "Nombre de la actividad",
			colType: "Tipo de actividad", colElapsed: "Tiempo transcurrido", colDistance: "Distancia", colMaxHR: "Ritmo cardíaco máx.",
			colGear: "Equipamiento de la actividad", colFile: "Nombre de archivo", colMoving: "Tiempo en movimiento",
			colAvgSpeed: "Velocidad promedio", colAscent: "Desnivel positivo", colDescent: "Desnivel negativo", colCadence: "Cadencia promedio",
			colAvgHR: "Ritmo cardíaco promedio", colPower: "Vatios promedio", colRPE: "Esfuerzo Percibido"},
		"Carrera", SportRunning},
}

// TestRealExportHeaders (issue 23): the first lines of real translated
// exports (sources in docs/sources/activity-labels.md) are read by the
// tables' texts, each column as what it holds, and the export's own run
// name is read as its kind. Before, the Polish, Finnish and Hungarian
// lines were refused whole, a Dutch Strava export's grade column was read
// as its ascent, and a Spanish Strava export's cadence and heart rate
// were found only by meaning.
func TestRealExportHeaders(t *testing.T) {
	for _, c := range realHeaders {
		t.Run(c.source+"/"+c.run, func(t *testing.T) {
			raw := strings.Split(c.header, ",")
			cols := c.x.mapHeader(raw)
			if !cols.recognised(c.x.export, true) {
				t.Errorf("header not recognised by its texts; unmapped %q", cols.unmapped)
			}
			for f, want := range c.want {
				i := cols.at(f, 0)
				switch {
				case i < 0:
					t.Errorf("%s: no column, want %q", fieldNames[f], want)
				case raw[i] != want:
					t.Errorf("%s: read from %q, want %q", fieldNames[f], raw[i], want)
				case !cols.exact[f]:
					t.Errorf("%s: %q found by meaning, not by the table's text", fieldNames[f], want)
				}
			}
			if got, _ := c.x.sport(c.run); got != c.sport {
				t.Errorf("run name %q: %v, want %v", c.run, got, c.sport)
			}
		})
	}
}

// labelDoc is docs/sources/activity-labels.md: the rows of its three
// tables, each row its cells.
type labelDoc struct {
	sources, types, headers [][]string
}

// readLabelDoc reads the doc's tables: the rows under each table's header
// line, until the first line that is not a table row.
func readLabelDoc(t *testing.T) labelDoc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "docs", "sources", "activity-labels.md"))
	if err != nil {
		t.Fatal(err)
	}
	var d labelDoc
	var cur *[][]string
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "| id | export | language |"):
			cur = &d.sources
		case strings.HasPrefix(line, "| export | language | name |"):
			cur = &d.types
		case strings.HasPrefix(line, "| export | column | language |"):
			cur = &d.headers
		case !strings.HasPrefix(line, "|"):
			cur = nil
		case cur != nil && !strings.HasPrefix(line, "|---"):
			var cells []string
			for _, c := range strings.Split(strings.Trim(line, "|"), " | ") {
				cells = append(cells, strings.ReplaceAll(strings.TrimSpace(c), `\|`, "|"))
			}
			*cur = append(*cur, cells)
		}
	}
	return d
}

// TestActivityLabelSources (issue 23): docs/sources/activity-labels.md
// lists every activity-type name and header text of both exports' tables
// once, with the kind the table gives it, and nothing else; every source
// id it cites is in its list of sources, for that export and language;
// and a name no source shows is one the fallback reader reads the same
// way: runWords for activity types (the same kind of run, or no run),
// the column's meaning words for header texts.
func TestActivityLabelSources(t *testing.T) {
	d := readLabelDoc(t)
	if len(d.sources) == 0 || len(d.types) == 0 || len(d.headers) == 0 {
		t.Fatalf("doc tables: %d sources, %d types, %d headers", len(d.sources), len(d.types), len(d.headers))
	}
	type src struct{ export, lang string }
	sources := map[string]src{}
	for _, r := range d.sources {
		sources[r[0]] = src{r[1], r[2]}
	}
	exports := map[string]*summaryExport{"garmin": &garminSummary, "strava": &stravaSummary}
	// seen holds "export|folded text" of the rows a source shows, per kind
	// of row, for "same text as" rows.
	seen := map[string]bool{}
	checkIDs := func(row []string, export, lang, source, key string) bool {
		if strings.HasPrefix(source, "inferred") || strings.HasPrefix(source, "same text as ") {
			return false
		}
		for _, id := range strings.Split(source, ", ") {
			s, ok := sources[id]
			if !ok || s.export != export || s.lang != lang {
				t.Errorf("%q: source %q is not a %s %s source in the list", row, id, export, lang)
			}
		}
		seen[key] = true
		return true
	}
	var same [][]string

	want := map[string]Sport{}
	for name, e := range exports {
		for _, sp := range e.sports {
			for lang, names := range sp.names {
				for _, n := range names {
					want[name+"|"+lang+"|"+n] = sp.sport
				}
			}
		}
	}
	for _, r := range d.types {
		if len(r) != 5 {
			t.Errorf("type row %q: want 5 cells", r)
			continue
		}
		export, lang, name, kind, source := r[0], r[1], r[2], Sport(r[3]), r[4]
		k := export + "|" + lang + "|" + name
		sport, ok := want[k]
		switch {
		case !ok:
			t.Errorf("%q: no such name in the %s table (or listed twice)", r, export)
			continue
		case sport != kind:
			t.Errorf("%q: the table reads it as %s", r, sport)
		}
		delete(want, k)
		if checkIDs(r, export, lang, source, "type|"+export+"|"+fold(name)) {
			continue
		}
		if strings.HasPrefix(source, "same text as ") {
			same = append(same, []string{"type|" + export + "|" + fold(name), source})
			continue
		}
		got, isRun := runWords(fold(name))
		if kind.IsRunning() && (!isRun || got != kind) || !kind.IsRunning() && isRun {
			t.Errorf("%q is inferred, but runWords reads it as %s (a run: %v)", r, got, isRun)
		}
	}
	for k := range want {
		t.Errorf("activity type %s is in the tables but not in the doc", k)
	}

	columns := map[string]summaryColumn{}
	wantHeader := map[string]bool{}
	for name, e := range exports {
		for _, c := range e.columns {
			columns[name+"|"+fieldNames[c.field]] = c
			for lang, texts := range c.headers {
				for _, h := range texts {
					wantHeader[name+"|"+fieldNames[c.field]+"|"+lang+"|"+h] = true
				}
			}
		}
	}
	sourcedField := map[string]bool{}
	for _, r := range d.headers {
		if len(r) != 5 {
			t.Errorf("header row %q: want 5 cells", r)
			continue
		}
		export, field, lang, text, source := r[0], r[1], r[2], r[3], r[4]
		k := export + "|" + field + "|" + lang + "|" + text
		if !wantHeader[k] {
			t.Errorf("%q: no such header text in the %s table (or listed twice)", r, export)
			continue
		}
		delete(wantHeader, k)
		if checkIDs(r, export, lang, source, "header|"+export+"|"+fold(text)) {
			sourcedField[export+"|"+field+"|"+lang] = true
			continue
		}
		if strings.HasPrefix(source, "same text as ") {
			same = append(same, []string{"header|" + export + "|" + fold(text), source})
			continue
		}
		if !columns[export+"|"+field].meaning.matches(fold(text)) {
			t.Errorf("%q is inferred, but the %s column's meaning words do not read it", r, field)
		}
	}
	for k := range wantHeader {
		t.Errorf("header text %s is in the tables but not in the doc", k)
	}
	// summaryLanguages (and README) say per language how much of the
	// header a real export showed: the key columns with a sourced text.
	key := map[string][]summaryField{
		"garmin": {colType, colDate, colDistance, colTime, colMoving, colElapsed, colAvgHR, colCadence},
		"strava": {colID, colType, colDate, colDistance, colMoving, colElapsed, colAvgHR, colCadence},
	}
	for _, l := range summaryLanguages {
		for export, claim := range map[string]string{"garmin": l.garmin, "strava": l.strava} {
			n := 0
			for _, f := range key[export] {
				if sourcedField[export+"|"+fieldNames[f]+"|"+l.code] {
					n++
				}
			}
			status := map[bool]string{true: "partly confirmed", false: "by meaning"}[n > 0]
			if n == len(key[export]) {
				status = "confirmed"
			}
			if claim != status {
				t.Errorf("%s %s headers: summaryLanguages says %q, the doc's sources show %d of %d key columns (%s)", l.name, export, claim, n, len(key[export]), status)
			}
		}
	}
	for _, s := range same {
		if !seen[s[0]] {
			t.Errorf("%s: %q, but no source shows that text", s[0], s[1])
		}
	}
}

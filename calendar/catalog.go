package calendar

// Info says what a shipped calendar covers.
type Info struct {
	// Name is the calendar's name, as Named takes it ("US", "AU-NSW").
	Name string
	// Covers is the country, region or institution whose holidays it lists
	// ("United States", "Australia, New South Wales").
	Covers string
}

// covers names what each shipped list is for, by calendar name; the tests
// hold it to the shipped names.
var covers = map[string]string{
	"AR":     "Argentina",
	"AT":     "Austria",
	"AU-ACT": "Australia, Australian Capital Territory",
	"AU-NSW": "Australia, New South Wales",
	"AU-NT":  "Australia, Northern Territory",
	"AU-QLD": "Australia, Queensland",
	"AU-SA":  "Australia, South Australia",
	"AU-TAS": "Australia, Tasmania",
	"AU-VIC": "Australia, Victoria",
	"AU-WA":  "Australia, Western Australia",
	"BE":     "Belgium",
	"BG":     "Bulgaria",
	"BR":     "Brazil",
	"CA":     "Canada",
	"CH":     "Switzerland",
	"CH-AG":  "Switzerland, Aargau",
	"CH-AI":  "Switzerland, Appenzell Innerrhoden",
	"CH-AR":  "Switzerland, Appenzell Ausserrhoden",
	"CH-BE":  "Switzerland, Bern",
	"CH-BL":  "Switzerland, Basel-Landschaft",
	"CH-BS":  "Switzerland, Basel-Stadt",
	"CH-FR":  "Switzerland, Fribourg",
	"CH-GE":  "Switzerland, Geneva",
	"CH-GL":  "Switzerland, Glarus",
	"CH-GR":  "Switzerland, Graubünden",
	"CH-JU":  "Switzerland, Jura",
	"CH-LU":  "Switzerland, Lucerne",
	"CH-NE":  "Switzerland, Neuchâtel",
	"CH-NW":  "Switzerland, Nidwalden",
	"CH-OW":  "Switzerland, Obwalden",
	"CH-SG":  "Switzerland, St. Gallen",
	"CH-SH":  "Switzerland, Schaffhausen",
	"CH-SO":  "Switzerland, Solothurn",
	"CH-SZ":  "Switzerland, Schwyz",
	"CH-TG":  "Switzerland, Thurgau",
	"CH-TI":  "Switzerland, Ticino",
	"CH-UR":  "Switzerland, Uri",
	"CH-VD":  "Switzerland, Vaud",
	"CH-VS":  "Switzerland, Valais",
	"CH-ZG":  "Switzerland, Zug",
	"CH-ZH":  "Switzerland, Zurich",
	"CY":     "Cyprus",
	"CZ":     "Czech Republic",
	"DE":     "Germany",
	"DE-BB":  "Germany, Brandenburg",
	"DE-BE":  "Germany, Berlin",
	"DE-BW":  "Germany, Baden-Württemberg",
	"DE-BY":  "Germany, Bavaria",
	"DE-HB":  "Germany, Bremen",
	"DE-HE":  "Germany, Hesse",
	"DE-HH":  "Germany, Hamburg",
	"DE-MV":  "Germany, Mecklenburg-Vorpommern",
	"DE-NI":  "Germany, Lower Saxony",
	"DE-NW":  "Germany, North Rhine-Westphalia",
	"DE-RP":  "Germany, Rhineland-Palatinate",
	"DE-SH":  "Germany, Schleswig-Holstein",
	"DE-SL":  "Germany, Saarland",
	"DE-SN":  "Germany, Saxony",
	"DE-ST":  "Germany, Saxony-Anhalt",
	"DE-TH":  "Germany, Thuringia",
	"DK":     "Denmark",
	"ECB":    "European Central Bank (TARGET2)",
	"EE":     "Estonia",
	"ES":     "Spain",
	"FI":     "Finland",
	"FR":     "France",
	"GB":     "United Kingdom",
	"GR":     "Greece",
	"HR":     "Croatia",
	"HU":     "Hungary",
	"IE":     "Ireland",
	"IS":     "Iceland",
	"IT":     "Italy",
	"JP":     "Japan",
	"KE":     "Kenya",
	"LT":     "Lithuania",
	"LU":     "Luxembourg",
	"LV":     "Latvia",
	"MT":     "Malta",
	"MW":     "Malawi",
	"MX":     "Mexico",
	"NC":     "New Caledonia",
	"NL":     "Netherlands",
	"NO":     "Norway",
	"NZ":     "New Zealand",
	"PL":     "Poland",
	"PT":     "Portugal",
	"RO":     "Romania",
	"RS":     "Serbia",
	"RU":     "Russia",
	"SE":     "Sweden",
	"SI":     "Slovenia",
	"SK":     "Slovakia",
	"TH":     "Thailand",
	"UA":     "Ukraine",
	"US":     "United States",
	"ZA":     "South Africa",
}

// Catalog returns every shipped calendar, sorted by name, with the country,
// region or institution it covers. The slice is the caller's.
func Catalog() []Info {
	out := make([]Info, len(shipped))
	for i := range shipped {
		out[i] = Info{Name: shipped[i].name, Covers: covers[shipped[i].name]}
	}
	return out
}

/// Common German first and family names (with names typical of Thuringia and the former GDR), by
/// birth cohort: the demo population's names follow its age structure.
enum NameLists {
    /// Female first names, by cohort: born before 1956, 1956–1975, 1976–1995, from 1996.
    static let female: [[String]] = [
        [
            "Ursula", "Helga", "Gisela", "Ingrid", "Renate", "Christa", "Brigitte", "Karin", "Monika", "Gerda",
            "Erika", "Elfriede", "Hannelore", "Inge", "Irmgard", "Margot", "Ilse", "Edith", "Ruth", "Waltraud",
            "Rosemarie", "Christel", "Gertrud", "Hildegard", "Annemarie", "Marianne", "Lieselotte", "Elke", "Heidi",
            "Sigrid",
        ],
        [
            "Petra", "Sabine", "Andrea", "Kerstin", "Heike", "Birgit", "Katrin", "Anke", "Silke", "Claudia",
            "Susanne", "Martina", "Cornelia", "Ramona", "Simone", "Angela", "Kathrin", "Antje", "Ines", "Jana",
            "Manuela", "Gabriele", "Ute", "Carola", "Sylvia", "Beate", "Marion", "Grit", "Yvonne", "Dana",
        ],
        [
            "Mandy", "Peggy", "Nadine", "Stefanie", "Anja", "Nicole", "Sandra", "Christin", "Julia", "Sarah",
            "Maria", "Franziska", "Jenny", "Anne", "Susann", "Juliane", "Katja", "Melanie", "Sabrina", "Jessica",
            "Madlen", "Doreen", "Stephanie", "Kristin", "Janine", "Lisa", "Laura", "Tina", "Daniela", "Annett",
        ],
        [
            "Emma", "Mia", "Hannah", "Sophie", "Lea", "Emilia", "Lina", "Marie", "Anna", "Lena", "Leonie", "Clara",
            "Ella", "Luisa", "Johanna", "Charlotte", "Lilly", "Amelie", "Paula", "Greta", "Frieda", "Ida", "Mila",
            "Nele", "Pia", "Sophia", "Maja", "Lara", "Helene", "Luise",
        ],
    ]

    /// Male first names, by cohort as `female`.
    static let male: [[String]] = [
        [
            "Manfred", "Gerhard", "Peter", "Klaus", "Dieter", "Horst", "Günter", "Wolfgang", "Hans", "Werner",
            "Heinz", "Jürgen", "Siegfried", "Rolf", "Lothar", "Karl", "Helmut", "Rudolf", "Bernd", "Joachim",
            "Harald", "Gerd", "Hartmut", "Eberhard", "Rainer", "Wilfried", "Kurt", "Egon", "Reinhard", "Winfried",
        ],
        [
            "Thomas", "Andreas", "Frank", "Uwe", "Michael", "Jörg", "Steffen", "Matthias", "Ralf", "Torsten", "Jens",
            "Olaf", "Holger", "Lutz", "Mario", "Dirk", "Carsten", "Heiko", "Ronald", "Volker", "Sven", "Rico",
            "Detlef", "Gunnar", "Maik", "Enrico", "Kai", "Jan", "Mike", "Ronny",
        ],
        [
            "Daniel", "Christian", "Sebastian", "Stefan", "Tobias", "René", "Martin", "Marcel", "Robert", "Patrick",
            "Philipp", "Florian", "Markus", "Tino", "Toni", "Christoph", "Benjamin", "Alexander", "Dennis", "Marco",
            "Sascha", "Tom", "Tim", "Felix", "Paul", "Kevin", "Tony", "Nico", "Danny", "Steve",
        ],
        [
            "Ben", "Paul", "Leon", "Finn", "Noah", "Elias", "Jonas", "Luis", "Felix", "Emil", "Henry", "Max", "Anton",
            "Theo", "Oskar", "Jakob", "Moritz", "Karl", "Lukas", "Niklas", "Tim", "Leo", "Julian", "Erik", "Hannes",
            "Mats", "Jannik", "Ole", "Carl", "Fritz",
        ],
    ]

    /// Family names.
    static let family: [String] = [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
        "Schulze", "Köhler", "Herrmann", "König", "Walter", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz",
        "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank",
        "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon",
        "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Krämer", "Vogt", "Stein", "Jäger", "Otto",
        "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Dietrich", "Ziegler",
        "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer",
        "Arnold", "Wolff", "Pfeiffer", "Ullrich", "Heinze", "Thiele", "Seifert", "Böttcher", "Göbel", "Kretschmer",
        "Ebert", "Hempel", "Schmalz", "Rothe", "Hesse", "Reinhardt", "Trautmann", "Gräf", "Wenzel", "Fiedler",
        "Möbius", "Ehrhardt", "Bräutigam", "Heym", "Apel", "Steinbach", "Kirchner", "Beyer", "Jahn", "Wittig",
        "Kunze", "Förster", "Eckardt", "Hering", "Löffler", "Schlegel", "Döring", "Rudolph", "Hoyer", "Wunderlich",
        "Opitz", "Scheller", "Dreßler", "Kämpf", "Fröhlich", "Pabst", "Sachse", "Zeh", "Bock", "Schilling",
    ]

    /// Street names common in Thuringian towns and villages.
    static let streets: [String] = [
        "Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Dorfstraße", "Lindenstraße", "Kirchstraße",
        "Goethestraße", "Schillerstraße", "Ringstraße", "Bergstraße", "Wiesenstraße", "Friedensstraße", "Mühlgasse",
        "Am Anger", "Anger", "Am Markt", "Karl-Marx-Straße", "Thomas-Müntzer-Straße", "August-Bebel-Straße",
        "Rudolf-Breitscheid-Straße", "Puschkinstraße", "Lessingstraße", "Herderstraße", "Erfurter Straße",
        "Weimarische Straße", "Geraer Straße", "Gothaer Straße", "Arnstädter Straße", "Am Bahnhof", "Lindenweg",
        "Birkenweg", "Eichenweg", "Ahornweg", "Rosenweg", "Am Sportplatz", "Am Teich", "Feldstraße", "Neue Straße",
        "Kirchgasse", "Pfarrgasse", "Obere Dorfstraße", "Untere Dorfstraße", "Talstraße", "Waldstraße", "Sonnenweg",
        "Wartburgstraße", "Saalstraße", "Ilmstraße", "Unstrutstraße", "Werrastraße", "Friedrich-Ebert-Straße",
        "Bachstraße", "Am Rennsteig", "Thüringer Straße", "Gerberstraße", "Lutherstraße", "Burgstraße",
        "Am Schloßberg", "Hohe Straße",
    ]

    /// Birthplaces outside Thuringia.
    static let otherBirthplaces: [String] = [
        "Leipzig", "Halle (Saale)", "Dresden", "Chemnitz", "Magdeburg", "Berlin", "Zwickau", "Plauen",
        "Kassel", "Göttingen", "Coburg", "Hof", "Nordhausen", "Rostock", "Potsdam",
    ]

    /// Branches of the demo companies: name part and object of the company.
    static let branches: [(name: String, gegenstand: String)] = [
        ("Haustechnik", "Installation von Heizungs-, Sanitär- und Lüftungsanlagen"),
        ("Holzbau", "Zimmerer- und Holzbauarbeiten sowie der Handel mit Bauholz"),
        ("Elektrotechnik", "Elektroinstallation und Gebäudetechnik"),
        ("Software", "Entwicklung und Vertrieb von Software sowie IT-Beratung"),
        ("Logistik", "Güterbeförderung im Straßenverkehr und Lagerhaltung"),
        ("Garten- und Landschaftsbau", "Garten- und Landschaftsbau sowie Grünpflege"),
        ("Feinoptik", "Herstellung und Vertrieb optischer Bauteile und Baugruppen"),
        ("Metallbau", "Metall- und Stahlbau, Schlosserarbeiten"),
        ("Backwaren", "Herstellung und Verkauf von Back- und Konditoreiwaren"),
        ("Pflegedienst", "ambulante Kranken- und Altenpflege"),
        ("Immobilien", "Erwerb, Verwaltung und Vermietung von Immobilien"),
        ("Autohaus", "Handel mit Kraftfahrzeugen sowie deren Wartung und Reparatur"),
        ("Landtechnik", "Handel mit und Reparatur von Landmaschinen"),
        ("Druck und Medien", "Druckerzeugnisse, Gestaltung und Werbemittel"),
        ("Kunststofftechnik", "Herstellung von Kunststoffteilen im Spritzgussverfahren"),
        ("Bau", "Hoch- und Tiefbauarbeiten"),
        ("Glas", "Herstellung und Veredelung von Glaserzeugnissen"),
        ("Reisen", "Vermittlung und Veranstaltung von Reisen"),
    ]

    /// Cohort index of a year of birth.
    static func cohort(_ year: Int) -> Int {
        year < 1956 ? 0 : year < 1976 ? 1 : year < 1996 ? 2 : 3
    }
}

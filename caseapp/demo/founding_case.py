"""The founding case, told in caseapp's own words from the facts of the 2018 report.

Facts only: the source article itself is not part of the project.
"""

TITLE = "North Korean construction workers in Russia"

SUMMARY = """\
Workers from North Korea are sent to Russia by their own state and put to work on \
building sites, among them the stadiums built for the 2018 World Cup in Saint \
Petersburg. They are often hired through Russian–North Korean joint ventures.

Since the UN sanctions of September 2017 at least 10,000 new North Korean workers \
have been registered in Russia; official figures counted 24,000 North Koreans in the \
country the year before, and the real number may be higher. Some 100,000 North \
Koreans work abroad in all.

Working days of 16 hours are common: a contractor in Saint Petersburg said his \
workers were on site from 07:00 to 22:00, sometimes until midnight, with little rest. \
Minders sent along with the workers collect their wages; the workers receive a \
fraction and most of the money goes to the North Korean state. Overseas workers are \
estimated to earn the regime about 1.7 billion a year (reported once in dollars and \
once in euros).

The workers live in closed barracks, are taken by bus to the site and back, see \
nothing else of the country and receive political instruction after work. Only \
married men with children are sent: the family stays behind as a guarantee and is \
punished if the worker runs away.

Reported by a Dutch news site in 2018, citing The Wall Street Journal. UN Security \
Council resolutions of 2017 bar new work permits for North Koreans and require those \
abroad to be sent home within two years.
"""

COUNTRY = "RU"
SECTOR = "construction"

"""The demo cases as data: what was raised, where it went and what the principals decided
(see demo.py).

Days at a group that meets that year are meeting days of the meeting demo (or of the 2025
meetings below); `item` names the meeting's own agenda item where the meeting demo has one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from cases.models import DecisionOutcome, Outcome
from demo.meetings_data import REGIONENS_HUS

D = datetime.date
ALL = "all"

SAMRAD = "samrad"
LSG = "lsg"
BARN = "beredning-barn-och-unga"
VUXNA = "beredning-vuxna-och-aldre"
PATIENTSAKERHET = "samverkansrad-patientsakerhet"
HJALPMEDEL = "hjalpmedelsradet"
AG_UTSKRIVNING = "arbetsgrupp-samverkan-vid-utskrivning"
AG_PSYKISK_HALSA = "arbetsgrupp-psykisk-halsa-barn-och-unga"

REGION = "region-vasterbotten"
SODRA_LAPPLAND = ("lycksele", "mala", "storuman", "sorsele", "dorotea", "vilhelmina", "asele")

PREPARED = Outcome.PREPARED
TABLED = Outcome.TABLED
SENT_BACK = Outcome.SENT_BACK
SENT_ON = Outcome.SENT_ON
NOTED = Outcome.NOTED
PARTLY = DecisionOutcome.PARTLY_APPROVED
REJECTED = DecisionOutcome.REJECTED

# The meeting demo starts in 2026; these 2025 meetings give the 2025 cases somewhere to go.
MEETINGS_2025 = [
    (LSG, D(2025, 4, 24)),
    (SAMRAD, D(2025, 6, 18)),
    (LSG, D(2025, 10, 16)),
    (SAMRAD, D(2025, 11, 13)),
    (LSG, D(2025, 12, 11)),
]
MEETING_LOCATION_2025 = REGIONENS_HUS
# How the 2025 meetings went (held once the cases are on their agendas): two members absent at
# each, LSG's December papers two working days late, and the minutes approved about three weeks
# after the meeting, so the follow-up's measures improve from 2024 to 2026.
ABSENT_2025 = 2
PAPERS_DAYS_LATE_2025 = {(LSG, D(2025, 12, 11)): 2}
APPROVE_AFTER_2025 = 13  # working days from the meeting to the chair's approval


@dataclass(frozen=True)
class Route:
    """R-C3: the coordinator decides where the case belongs: a group, or local level."""

    day: datetime.date
    group: str = ""
    note: str = ""
    shared_with: tuple[str, ...] = ()
    local: str = ""  # a municipality's slug


@dataclass(frozen=True)
class Treat:
    day: datetime.date
    group: str
    outcome: str
    note: str
    to: str = ""
    item: str = ""


@dataclass(frozen=True)
class OnAgenda:
    """The case is on the agenda of the group's upcoming meeting on `day`."""

    day: datetime.date
    group: str


@dataclass(frozen=True)
class Adopt:
    """A recommendation (or, at Hjälpmedelsrådet, an own decision) and what followed it."""

    day: datetime.date
    group: str
    title: str
    decisions: tuple[str, ...]
    item: str = ""
    expedited: datetime.date | None = None
    decided: tuple[str, ...] | str = ()  # principals in the order they decided, or ALL
    outcomes: dict[str, str] = field(default_factory=dict)  # everyone else approved


Step = Route | Treat | OnAgenda | Adopt


@dataclass(frozen=True)
class Spec:
    raised_on: datetime.date
    group: str
    by: str  # the raising member's principal, or "user:<username>" for a member's own account
    title: str
    description: str
    proposal: str
    steps: tuple[Step, ...] = ()
    principals: tuple[str, ...] = ()  # the principals concerned; empty means all 16
    origin_note: str = ""
    followers: tuple[str, ...] = ()


# The tables are laid out by hand, one step per line where it fits: `ruff format` would give
# every argument a line of its own and double their length.
# fmt: off
CASES_2025 = [
    Spec(
        D(2025, 1, 14), BARN, "umea",
        "Länsgemensam rutin för barn som anhöriga",
        "Hälso- och sjukvården och socialtjänsten ska beakta barns behov av information, råd och "
        "stöd när en förälder är allvarligt sjuk, har ett missbruk eller avlider. I länet saknas "
        "en gemensam rutin för hur barnet uppmärksammas och hur ansvaret fördelas mellan "
        "huvudmännen.",
        "Ta fram en länsgemensam rutin för barn som anhöriga, med ansvarsfördelning mellan "
        "regionens vårdenheter och kommunernas socialtjänst.",
        steps=(
            Route(D(2025, 1, 16), BARN, "Bereds i Beredning barn och unga."),
            Treat(D(2025, 2, 4), BARN, PREPARED,
                  "Beredningen gav regional koordinator i uppdrag att ta fram ett förslag "
                  "tillsammans med nätverket för barn som anhöriga."),
            Treat(D(2025, 3, 25), BARN, SENT_ON,
                  "Beredningen ställde sig bakom förslaget till rutin och lyfte det till LSG.",
                  to=LSG),
            Adopt(D(2025, 4, 24), LSG, "Länsgemensam rutin för barn som anhöriga",
                  ("anta den länsgemensamma rutinen för barn som "
                   "anhöriga",
                   "utse en kontaktperson för barn som anhöriga i "
                   "varje verksamhet"),
                  expedited=D(2025, 4, 29), decided=ALL, outcomes={"vindeln": PARTLY}),
        ),
    ),
    Spec(
        D(2025, 1, 21), HJALPMEDEL, "skelleftea",
        "Ansvarsfördelning för förbrukningsartiklar till hjälpmedel",
        "Hjälpmedelshandboken anger inte vem som bekostar förbrukningsartiklar som batterier, "
        "filter och slangar till hjälpmedel i ordinärt boende. Kommunerna och regionen tillämpar "
        "olika regler, vilket ger brukarna ojämlika villkor.",
        "Förtydliga ansvarsfördelningen i hjälpmedelshandboken. Förslaget påverkar huvudmännens "
        "kostnader och ligger därför utanför Hjälpmedelsrådets mandat.",
        steps=(
            Route(D(2025, 1, 23), HJALPMEDEL, "Bereds i Hjälpmedelsrådet."),
            Treat(D(2025, 2, 27), HJALPMEDEL, PREPARED,
                  "Rådet tog fram ett förslag med kostnadsberäkning per huvudman."),
            Treat(D(2025, 3, 27), HJALPMEDEL, SENT_ON,
                  "Förslaget påverkar huvudmännens kostnader och lyfts därför till LSG.", to=LSG),
            Treat(D(2025, 4, 24), LSG, SENT_ON,
                  "LSG ställde sig bakom förslaget och lyfte det till samrådet.", to=SAMRAD),
            Adopt(D(2025, 6, 18), SAMRAD,
                  "Ansvarsfördelning för förbrukningsartiklar i hjälpmedelshandboken",
                  ("anta den nya ansvarsfördelningen för "
                   "förbrukningsartiklar i hjälpmedelshandboken från och med den 1 januari 2026",),
                  expedited=D(2025, 6, 24), decided=ALL,
                  outcomes={"sorsele": REJECTED, "mala": PARTLY, "asele": PARTLY}),
        ),
    ),
    Spec(
        D(2025, 2, 10), PATIENTSAKERHET, "lycksele",
        "Fall och trycksår – gemensam punktprevalensmätning",
        "Fallskador och trycksår är vanliga vårdskador hos äldre som vårdas av både kommun och "
        "region. Huvudmännen mäter vid olika tidpunkter och med olika metoder, och resultaten går "
        "inte att jämföra.",
        "Genomför en gemensam årlig punktprevalensmätning av fall och trycksår i kommunal vård "
        "och omsorg och i slutenvården, och redovisa resultatet för rådet.",
        steps=(
            Route(D(2025, 2, 12), PATIENTSAKERHET, "Bereds i Samverkansråd patientsäkerhet."),
            Treat(D(2025, 3, 6), PATIENTSAKERHET, PREPARED,
                  "Rådet ställde sig bakom en gemensam mätning vecka 15 varje år och uppdrog åt "
                  "MAS-nätverket att samordna kommunernas del."),
            Treat(D(2025, 9, 4), PATIENTSAKERHET, NOTED,
                  "Resultatet från den första gemensamma mätningen redovisades. Andelen trycksår "
                  "var högre i särskilt boende än i slutenvården."),
            Treat(D(2026, 9, 10), PATIENTSAKERHET, NOTED,
                  "Resultatet från vårens mätning redovisades och tas med i rådets årliga "
                  "sammanställning till LSG.",
                  item="Trycksår och fall – punktprevalensmätning 2026"),
        ),
    ),
    Spec(
        D(2025, 3, 3), LSG, REGION,
        "Digitala vårdmöten i hemmet – gemensam modell",
        "Allt fler patienter i ordinärt boende har både kommunal hemsjukvård och kontakter med "
        "hälsocentralen. Digitala vårdmöten där kommunens sjuksköterska är hos patienten och "
        "läkaren deltar på distans kan minska resor och ge snabbare bedömningar, särskilt i "
        "inlandet. Omställningen till nära vård förutsätter en gemensam modell.",
        "Ta fram en länsgemensam modell för digitala vårdmöten i hemmet med ansvarsfördelning, "
        "teknik och dokumentation.",
        steps=(
            Route(D(2025, 3, 5), VUXNA, "Frågan rör främst äldre med hemsjukvård."),
            Treat(D(2025, 4, 2), VUXNA, PREPARED,
                  "Beredningen bildade en referensgrupp med Storuman, Vilhelmina och regionens "
                  "hälsocentraler."),
            Treat(D(2025, 9, 24), VUXNA, SENT_ON,
                  "Beredningen ställde sig bakom förslaget till modell och lyfte det till LSG.",
                  to=LSG),
            Treat(D(2025, 10, 16), LSG, SENT_ON,
                  "LSG ställde sig bakom modellen och lyfte den till samrådet.", to=SAMRAD),
            Adopt(D(2025, 11, 13), SAMRAD, "Länsgemensam modell för digitala vårdmöten i hemmet",
                  ("anta modellen för digitala vårdmöten i hemmet",
                   "införa modellen senast den 31 december 2026"),
                  expedited=D(2025, 11, 18),
                  decided=(REGION, "umea", "skelleftea", "lycksele", "storuman", "vilhelmina",
                           "vannas", "robertsfors", "nordmaling", "dorotea", "sorsele", "mala"),
                  outcomes={"mala": PARTLY, "sorsele": REJECTED}),
        ),
    ),
    Spec(
        D(2025, 4, 7), PATIENTSAKERHET, "umea",
        "Säker vårdövergång efter suicidförsök",
        "Den som har gjort ett suicidförsök har kraftigt förhöjd risk för nya försök under det "
        "första året. Händelseanalyser i länet visar att uppföljningen brister när patienten "
        "skrivs ut från psykiatrisk slutenvård till kommunens stöd i hemmet.",
        "Ta fram en länsgemensam rutin för uppföljning efter suicidförsök, med samordnad "
        "individuell plan inom en vecka efter utskrivning.",
        steps=(
            Route(D(2025, 4, 9), PATIENTSAKERHET, "Bereds i Samverkansråd patientsäkerhet."),
            Treat(D(2025, 5, 8), PATIENTSAKERHET, PREPARED,
                  "Rådet gick igenom tre händelseanalyser och tog fram ett förslag till rutin."),
            Treat(D(2025, 9, 4), PATIENTSAKERHET, SENT_ON,
                  "Rådet ställde sig bakom rutinen och lyfte den till LSG.", to=LSG),
            Adopt(D(2025, 10, 16), LSG, "Länsgemensam rutin för uppföljning efter suicidförsök",
                  ("anta rutinen för uppföljning efter suicidförsök",
                   "kalla till samordnad individuell plan inom sju "
                   "dagar efter utskrivning"),
                  expedited=D(2025, 10, 21), decided=ALL),
        ),
    ),
    Spec(
        D(2025, 5, 12), VUXNA, "vilhelmina",
        "Mobilt palliativt team i Södra Lappland",
        "I Södra Lappland är avstånden långa och specialiserad palliativ vård finns bara i "
        "Lycksele. Patienter i livets slutskede i inlandskommunerna får därför ojämlik tillgång "
        "till palliativ kompetens, och många vårdas på sjukhus de sista dagarna.",
        "Inrätta ett gemensamt mobilt palliativt team för Södra Lappland med regionens "
        "palliativa konsultteam och kommunernas hemsjukvård.",
        principals=(REGION, *SODRA_LAPPLAND),
        steps=(
            Route(D(2025, 5, 14), VUXNA, "Bereds i Beredning vuxna och äldre."),
            Treat(D(2025, 6, 4), VUXNA, PREPARED,
                  "Beredningen bad regionen och kommunerna i Södra Lappland om ett gemensamt "
                  "kostnadsunderlag."),
            Treat(D(2025, 11, 19), VUXNA, SENT_ON,
                  "Kostnadsunderlaget är klart. Förslaget berör regionen och kommunerna i Södra "
                  "Lappland.", to=LSG),
            Adopt(D(2025, 12, 11), LSG, "Mobilt palliativt team i Södra Lappland",
                  ("rekommendera Region Västerbotten och kommunerna i Södra Lappland att inrätta "
                   "ett gemensamt mobilt palliativt team från och med den 1 september 2026",
                   "rekommendera att kostnaderna fördelas enligt den modell som beredningen har "
                   "tagit fram"),
                  expedited=D(2025, 12, 16), decided=ALL, outcomes={"asele": PARTLY}),
        ),
    ),
    Spec(
        D(2025, 9, 15), VUXNA, REGION,
        "Reviderad riktlinje för samverkan vid utskrivning från sluten hälso- och sjukvård",
        "Uppföljningen 2025 av den länsgemensamma riktlinjen visar att planeringsprocessen "
        "fungerar, men att fast vårdkontakt utses för sent, att informationsöverföringen i det "
        "gemensamma IT-stödet brister och att riktlinjen inte täcker barn och unga som skrivs ut "
        "från slutenvården.",
        "Revidera riktlinjen för samverkan vid utskrivning. Processen är gemensam för vuxna och "
        "för barn och unga och bör beredas i båda beredningarna.",
        followers=("ledamot",),
        steps=(
            Route(D(2025, 9, 17), VUXNA,
                  "Gemensam process för båda beredningarna. Hemvist i Beredning vuxna och äldre, "
                  "som rapporterar till LSG.", shared_with=(BARN,)),
            Treat(D(2025, 9, 24), VUXNA, SENT_ON,
                  "Arbetsgruppen får i uppdrag att ta fram ett förslag till reviderad riktlinje "
                  "och remittera det till huvudmännen.", to=AG_UTSKRIVNING),
            Treat(D(2026, 1, 20), AG_UTSKRIVNING, SENT_ON,
                  "Arbetsgruppen har arbetat in remissvaren i förslaget.", to=VUXNA),
            Treat(D(2026, 2, 3), BARN, PREPARED,
                  "Beredningen ställde sig bakom förslaget med tillägget att rutinen för fast "
                  "vårdkontakt ska gälla även barn och unga."),
            Treat(D(2026, 2, 4), VUXNA, SENT_ON,
                  "Beredningen ställde sig bakom förslaget, med tillägget från Beredning barn och "
                  "unga, och lyfte det till LSG.", to=LSG,
                  item="Reviderad riktlinje för samverkan vid utskrivning – slutligt förslag"),
            Treat(D(2026, 2, 19), LSG, SENT_ON,
                  "LSG ställde sig bakom förslaget och lyfte det till samrådet.", to=SAMRAD,
                  item="Reviderad riktlinje för samverkan vid utskrivning"),
            Adopt(D(2026, 3, 12), SAMRAD,
                  "Reviderad riktlinje för samverkan vid utskrivning från sluten hälso- och "
                  "sjukvård",
                  ("anta den reviderade riktlinjen för samverkan vid "
                   "utskrivning från sluten hälso- och sjukvård",),
                  item="Reviderad riktlinje för samverkan vid utskrivning från sluten hälso- och "
                       "sjukvård",
                  expedited=D(2026, 3, 17), decided=ALL, outcomes={"vindeln": PARTLY}),
        ),
    ),
    Spec(
        D(2025, 10, 2), PATIENTSAKERHET, "skelleftea",
        "Gemensam hantering av avvikelser mellan kommun och region",
        "Avvikelser som berör både kommun och region, till exempel vid utskrivning eller "
        "läkemedelshantering, rapporteras i två olika system. Den som rapporterar får sällan "
        "återkoppling och gemensamma lärdomar tas inte tillvara.",
        "Inför en gemensam rutin med en mottagning för avvikelser som berör båda huvudmännen och "
        "återkoppling inom 14 dagar.",
        followers=("ordforande",),
        steps=(
            Route(D(2025, 10, 6), PATIENTSAKERHET, "Bereds i Samverkansråd patientsäkerhet."),
            Treat(D(2025, 11, 6), PATIENTSAKERHET, PREPARED,
                  "Rådet tog fram ett första utkast och skickade det på remiss till MAS-nätverket "
                  "och regionens patientsäkerhetsenhet."),
            Treat(D(2026, 3, 5), PATIENTSAKERHET, SENT_ON,
                  "Remissvaren är inarbetade. Rådet ställde sig bakom rutinen och lyfte den till "
                  "LSG.", to=LSG, item="Förslag till gemensam rutin för avvikelsehantering"),
            Adopt(D(2026, 4, 16), LSG,
                  "Gemensam rutin för avvikelsehantering mellan kommun och region",
                  ("införa den gemensamma rutinen för "
                   "avvikelsehantering",
                   "uppdra åt Samverkansråd patientsäkerhet att följa upp rutinen och "
                   "återrapportera till LSG i april 2027"),
                  item="Gemensam rutin för avvikelsehantering mellan kommun och region",
                  expedited=D(2026, 4, 21),
                  decided=(REGION, "umea", "skelleftea", "lycksele", "vannas", "storuman",
                           "robertsfors", "norsjo", "vilhelmina"),
                  outcomes={"norsjo": PARTLY}),
        ),
    ),
    Spec(
        D(2025, 11, 5), AG_PSYKISK_HALSA, REGION,
        "Länsgemensam handlingsplan för psykisk hälsa 2027–2030",
        "Den nuvarande handlingsplanen för psykisk hälsa löper ut 2026. Arbetsgruppens "
        "kartläggning visar långa väntetider till första linjens insatser för barn och unga, "
        "brister i samordningen vid samsjuklighet och behov av gemensamma insatser för "
        "suicidprevention och stöd till anhöriga.",
        "Ta fram en ny länsgemensam handlingsplan för psykisk hälsa 2027–2030 med fyra "
        "insatsområden.",
        followers=("ordforande",),
        steps=(
            Route(D(2025, 11, 7), AG_PSYKISK_HALSA,
                  "Arbetsgruppen tar fram förslaget åt Beredning barn och unga."),
            Treat(D(2026, 1, 20), AG_PSYKISK_HALSA, SENT_ON,
                  "Arbetsgruppen lämnade förslaget till handlingsplan till beredningen.", to=BARN),
            Treat(D(2026, 3, 31), BARN, SENT_ON,
                  "Beredningen ställde sig bakom förslaget och lyfte det till LSG.", to=LSG),
            Treat(D(2026, 4, 16), LSG, SENT_ON,
                  "LSG ställde sig bakom handlingsplanen och lyfte den till samrådet.", to=SAMRAD),
            Adopt(D(2026, 6, 17), SAMRAD, "Länsgemensam handlingsplan för psykisk hälsa 2027–2030",
                  ("anta den länsgemensamma handlingsplanen för "
                   "psykisk hälsa 2027–2030",
                   "fatta beslut senast den 31 december 2026"),
                  item="Länsgemensam handlingsplan för psykisk hälsa 2027–2030",
                  expedited=D(2026, 6, 23),
                  decided=(REGION, "umea", "skelleftea", "lycksele", "vannas")),
        ),
    ),
    Spec(
        D(2025, 11, 17), SAMRAD, "storuman",
        "Väntetider till första linjens insatser för barn och unga",
        "Ledamöter från inlandskommunerna rapporterar att barn och unga med lindrig till måttlig "
        "psykisk ohälsa väntar länge på insatser från första linjen. Samrådet saknar en samlad "
        "bild av väntetiderna i länet.",
        "Ta fram en lägesbild av väntetiderna till första linjens insatser för barn och unga, "
        "per kommun, och redovisa den för samrådet.",
        steps=(
            Route(D(2025, 11, 19), BARN,
                  "Lägesbilden tas fram av arbetsgruppen för psykisk hälsa barn och unga."),
            Treat(D(2026, 2, 3), BARN, SENT_ON,
                  "Arbetsgruppens första kartläggning redovisades och lyfts till LSG.", to=LSG,
                  item="Psykisk hälsa barn och unga – väntetider till första linjen"),
            Treat(D(2026, 2, 19), LSG, SENT_ON, "LSG lyfte lägesbilden till samrådet.", to=SAMRAD),
            Treat(D(2026, 3, 12), SAMRAD, NOTED,
                  "Väntetiderna har kortats i Umeåregionen men ökat i Södra Lappland. Samrådet "
                  "vill ha en ny lägesbild under hösten.",
                  item="Lägesbild psykisk hälsa barn och unga"),
        ),
    ),
    Spec(
        D(2025, 11, 24), VUXNA, "norsjo",
        "Munhälsa hos personer med hemsjukvård",
        "Tandvårdsstödet når inte alla som har rätt till det. Munhälsobedömningar görs sällan för "
        "personer med hemsjukvård i ordinärt boende, trots att dålig munhälsa ökar risken för "
        "lunginflammation och undernäring.",
        "Inför en gemensam rutin för munhälsobedömning och information om tandvårdsstödet för "
        "personer med hemsjukvård.",
        steps=(
            Route(D(2025, 11, 26), VUXNA, "Bereds i Beredning vuxna och äldre."),
            Treat(D(2025, 12, 3), VUXNA, SENT_ON,
                  "Beredningen ställde sig bakom förslaget och lyfte det till LSG.", to=LSG),
            Treat(D(2025, 12, 11), LSG, TABLED,
                  "Bordlades i väntan på regionens kostnadsberäkning för tandvårdsstödet."),
            Treat(D(2026, 2, 19), LSG, SENT_BACK,
                  "Återremitterades till beredningen: förslaget ska samordnas med regionens "
                  "uppsökande munhälsobedömningar och kompletteras med en kostnadsberäkning.",
                  to=VUXNA),
        ),
    ),
]

CASES_2026 = [
    Spec(
        D(2026, 1, 8), BARN, "umea",
        "Gemensam rutin för samordnad individuell plan (SIP) för barn och unga",
        "Elevhälsan, socialtjänsten och barn- och ungdomspsykiatrin kallar till SIP på olika sätt "
        "och ofta för sent. Barn och vårdnadshavare upplever att de själva måste samordna "
        "insatserna.",
        "Anta en länsgemensam rutin där den som först uppmärksammar behovet kallar till SIP inom "
        "fyra veckor.",
        steps=(
            Route(D(2026, 1, 12), BARN, "Bereds i Beredning barn och unga."),
            Treat(D(2026, 2, 3), BARN, SENT_ON,
                  "Beredningen ställde sig bakom rutinen och lyfte den till LSG.", to=LSG,
                  item="Gemensam rutin för samordnad individuell plan (SIP) för barn och unga"),
            Treat(D(2026, 4, 16), LSG, SENT_BACK,
                  "Återremitterades till beredningen: barnets delaktighet och elevhälsans ansvar "
                  "ska förtydligas, och rutinen ska stämmas av mot den reviderade riktlinjen för "
                  "samverkan vid utskrivning.", to=BARN),
        ),
    ),
    Spec(
        D(2026, 1, 12), VUXNA, "user:ledamot",
        "Läkemedelsgenomgångar i särskilt boende",
        "Andelen boende i särskilt boende som har fått en läkemedelsgenomgång under det senaste "
        "året varierar stort mellan kommunerna. Olämplig läkemedelsbehandling är en vanlig orsak "
        "till fall och sjukhusinläggningar.",
        "Anta en gemensam rutin där kommunens sjuksköterska och regionens läkare genomför en "
        "läkemedelsgenomgång vid inflyttning och därefter minst en gång om året.",
        followers=("ledamot",),
        steps=(
            Route(D(2026, 1, 14), VUXNA, "Bereds i Beredning vuxna och äldre."),
            Treat(D(2026, 4, 1), VUXNA, PREPARED,
                  "Beredningen ställde sig bakom rutinen. MAS-nätverkets synpunkter har arbetats "
                  "in.", item="Läkemedelsgenomgångar i särskilt boende – gemensam rutin"),
            Treat(D(2026, 5, 27), VUXNA, SENT_ON,
                  "Andelen har ökat till 74 procent. Rapporten lyfts till LSG.", to=LSG,
                  item="Läkemedelsgenomgångar – uppföljning"),
            Treat(D(2026, 6, 11), LSG, NOTED,
                  "Andelen har ökat från 61 till 74 procent. Målet är 90 procent 2027.",
                  item="Läkemedelsgenomgångar i särskilt boende – lägesrapport"),
        ),
    ),
    Spec(
        D(2026, 2, 2), HJALPMEDEL, "umea",
        "Redaktionella ändringar i hjälpmedelshandboken",
        "Handbokens avsnitt om förskrivning av rollatorer och om återlämning av hjälpmedel "
        "tolkas olika av förskrivarna.",
        "Förtydliga avsnitten utan att ändra ansvars- eller kostnadsfördelningen.",
        steps=(
            Route(D(2026, 2, 4), HJALPMEDEL, "Ryms inom Hjälpmedelsrådets mandat."),
            Adopt(D(2026, 2, 26), HJALPMEDEL, "Redaktionella ändringar i hjälpmedelshandboken",
                  ("fastställa de redaktionella ändringarna i hjälpmedelshandboken",
                   "uppdra åt Hjälpmedel Västerbotten att publicera den uppdaterade handboken "
                   "senast den 1 april 2026"),
                  item="Redaktionella ändringar i hjälpmedelshandboken"),
        ),
    ),
    Spec(
        D(2026, 2, 16), PATIENTSAKERHET, REGION,
        "Fördröjd läkemedelsinformation vid utskrivning",
        "En gemensam händelseanalys visar att läkemedelslistan inte nådde kommunens hemsjukvård "
        "förrän dagen efter hemgång, och att patienten under tiden fick fel dos av ett "
        "blodförtunnande läkemedel.",
        "Rådet tar del av händelseanalysen och föreslår gemensamma åtgärder för säker överföring "
        "av läkemedelsinformation vid utskrivning.",
        steps=(
            Route(D(2026, 2, 18), PATIENTSAKERHET, "Bereds i Samverkansråd patientsäkerhet."),
            Treat(D(2026, 3, 5), PATIENTSAKERHET, PREPARED,
                  "Åtgärderna för avvikelsehanteringen ingår i förslaget till gemensam rutin. "
                  "Rådet tar fram en rekommendation om överföringen av läkemedelslistan.",
                  item="Händelseanalys: fördröjd läkemedelsinformation vid utskrivning"),
            Adopt(D(2026, 9, 10), PATIENTSAKERHET,
                  "Säker överföring av läkemedelslistan vid utskrivning",
                  ("den aktuella läkemedelslistan alltid skickas i "
                   "det gemensamma IT-stödet senast vid hemgång",
                   "kommunens sjuksköterska bekräftar mottagandet "
                   "samma dag"),
                  expedited=D(2026, 9, 15), decided=(REGION, "umea", "skelleftea")),
        ),
    ),
    Spec(
        D(2026, 3, 9), VUXNA, "skelleftea",
        "Samverkan kring personer med demenssjukdom",
        "Flera kommuner efterfrågar en gemensam struktur för demensutredning och uppföljning. Det "
        "varierar mellan hälsocentralerna vem som gör den basala demensutredningen och hur "
        "kommunens demenssjuksköterska involveras.",
        "Tillsätt en arbetsgrupp som föreslår en gemensam struktur för utredning, uppföljning och "
        "stöd till anhöriga vid demenssjukdom.",
        steps=(
            Route(D(2026, 3, 11), VUXNA, "Bereds i Beredning vuxna och äldre."),
            Treat(D(2026, 5, 27), VUXNA, PREPARED,
                  "Beredningen tillsatte en arbetsgrupp med representanter från alla tre "
                  "geografiska grupperingar. Förslaget ska lämnas senast den 31 mars 2027.",
                  item="Samverkan kring personer med demenssjukdom – uppdrag till arbetsgrupp"),
        ),
    ),
    Spec(
        D(2026, 4, 14), BARN, "lycksele",
        "Barn och unga med samsjuklighet – gemensam samordningsmodell",
        "Barn och unga med både psykisk ohälsa och missbruk faller ofta mellan huvudmännens "
        "ansvar. Socialtjänsten, barn- och ungdomspsykiatrin och beroendevården gör olika "
        "bedömningar av vem som ska leda insatserna.",
        "Pröva en gemensam samordningsmodell i två kommuner innan den föreslås för hela länet.",
        steps=(
            Route(D(2026, 4, 16), BARN, "Bereds i Beredning barn och unga."),
            Treat(D(2026, 5, 26), BARN, SENT_ON,
                  "Arbetsgruppen prövar samordningsmodellen i Vännäs och Lycksele under hösten.",
                  to=AG_PSYKISK_HALSA,
                  item="Gemensamma insatser för barn och unga med samsjuklighet"),
            Treat(D(2026, 11, 10), AG_PSYKISK_HALSA, PREPARED,
                  "Prövningen pågår. Arbetsgruppen lämnade en delrapport till beredningens möte i "
                  "november."),
        ),
    ),
    Spec(
        D(2026, 5, 4), VUXNA, "umea",
        "Samsjuklighet missbruk och psykisk ohälsa – gemensam samordningsrutin",
        "Vuxna med både missbruk och psykisk ohälsa får ofta insatser från socialtjänsten och "
        "regionens psykiatri utan samordning mellan dem.",
        "Anta en gemensam rutin för samordning mellan socialtjänst och psykiatri för vuxna med "
        "samsjuklighet.",
        followers=("ledamot",),
        steps=(
            Route(D(2026, 5, 6), VUXNA, "Bereds i Beredning vuxna och äldre."),
            Treat(D(2026, 9, 30), VUXNA, SENT_ON,
                  "Beredningen ställde sig bakom rutinen. Brukarorganisationerna lämnar "
                  "synpunkter innan LSG behandlar den i december.", to=LSG,
                  item="Samsjuklighet missbruk och psykisk ohälsa – gemensam samordningsrutin"),
            OnAgenda(D(2026, 12, 10), LSG),
        ),
    ),
    Spec(
        D(2026, 8, 10), HJALPMEDEL, "dorotea",
        "Sortimentsbyte under avtalsperioden: duschstol med tippfunktion",
        "Den upphandlade duschstolen saknar tippfunktion, vilket gör att vissa brukare inte kan "
        "duscha säkert. Leverantören kan erbjuda en duschstol med tippfunktion inom befintligt "
        "avtal.",
        "Komplettera sortimentet för hygienhjälpmedel med en duschstol med tippfunktion under "
        "pågående avtalsperiod.",
        steps=(
            Route(D(2026, 8, 12), HJALPMEDEL, "Ryms inom Hjälpmedelsrådets mandat."),
            Adopt(D(2026, 9, 3), HJALPMEDEL, "Komplettering av sortimentet för hygienhjälpmedel",
                  ("komplettera sortimentet för hygienhjälpmedel med en duschstol med "
                   "tippfunktion inom befintligt avtal",),
                  item="Komplettering av sortimentet för hygienhjälpmedel"),
        ),
    ),
    Spec(
        D(2026, 8, 17), BARN, "nordmaling",
        "Tidiga insatser i förskolan – länsgemensam modell",
        "Förskolan ser tidigt barn som behöver stöd, men samverkan med barnhälsovården och "
        "socialtjänsten ser olika ut i länets kommuner.",
        "Ta fram en länsgemensam modell för tidig upptäckt och stöd i förskolan och pröva den i "
        "tre kommuner.",
        steps=(
            Route(D(2026, 8, 19), BARN, "Bereds i Beredning barn och unga."),
            Treat(D(2026, 11, 24), BARN, SENT_ON,
                  "Beredningen vill att modellen prövas i tre kommuner under 2027 och lyfte den "
                  "till LSG.", to=LSG,
                  item="Tidiga insatser i förskolan – förslag till länsgemensam modell"),
            OnAgenda(D(2026, 12, 10), LSG),
        ),
    ),
    Spec(
        D(2026, 8, 17), LSG, REGION,
        "Överenskommelse om samarbete kring personer med missbruk och beroende",
        "Kommunerna och regionen ska enligt lag ha en överenskommelse om samarbete kring personer "
        "med missbruk av alkohol, narkotika, läkemedel eller spel. Den nuvarande "
        "överenskommelsen gäller till och med 2026 och behöver ses över utifrån den nya "
        "socialtjänstlagen.",
        "Revidera den länsgemensamma överenskommelsen och rekommendera huvudmännen att anta den "
        "från den 1 januari 2027.",
        followers=("ordforande",),
        steps=(
            Route(D(2026, 8, 19), LSG,
                  "Överenskommelsen är länsövergripande och bereds direkt i LSG."),
            Treat(D(2026, 10, 15), LSG, SENT_ON,
                  "LSG ställde sig bakom den reviderade överenskommelsen och lyfte den till "
                  "samrådet.", to=SAMRAD),
            Adopt(D(2026, 11, 12), SAMRAD,
                  "Reviderad överenskommelse om samarbete kring personer med missbruk och beroende",
                  ("anta den reviderade överenskommelsen om "
                   "samarbete kring personer med missbruk och beroende att gälla från den "
                   "1 januari 2027",)),
        ),
    ),
    Spec(
        D(2026, 8, 24), LSG, "vilhelmina",
        "Sjuksköterskebemanning i hemsjukvården nattetid i inlandet",
        "Inlandskommunerna har svårt att bemanna hemsjukvården med sjuksköterska nattetid. Ett "
        "samarbete mellan kommunerna och regionens sjukstugor har föreslagits.",
        "Utred ett gemensamt sjuksköterskestöd nattetid för kommunerna i Södra Lappland med "
        "regionens sjukstugor som bas.",
        principals=(REGION, *SODRA_LAPPLAND),
        followers=("ordforande",),
        steps=(
            Route(D(2026, 8, 26), LSG, "Berör flera huvudmän och bereds direkt i LSG."),
            Treat(D(2026, 10, 15), LSG, TABLED,
                  "Bordlades till decembermötet i väntan på regionens kostnadsberäkning."),
            OnAgenda(D(2026, 12, 10), LSG),
        ),
    ),
    Spec(
        D(2026, 9, 7), LSG, "storuman",
        "Korttidsplatser efter utskrivning i Storuman",
        "Utskrivningsklara patienter från Storuman blir kvar på sjukhuset i Lycksele eftersom "
        "kommunens korttidsplatser är fulla.",
        "Se över hur korttidsplatserna används och hur planeringen inför hemgång kan starta "
        "tidigare.",
        principals=(REGION, "storuman"),
        steps=(
            Route(D(2026, 9, 9), local="storuman",
                  note="Frågan rör samverkan mellan Storumans kommun och regionens verksamheter i "
                       "Storuman och hänvisas till den lokala samverkansgruppen."),
        ),
    ),
    Spec(
        D(2026, 10, 5), VUXNA, "norsjo",
        "Läkarmedverkan i kommunal hemsjukvård",
        "Kommunernas sjuksköterskor i hemsjukvården har svårt att nå ansvarig läkare, särskilt "
        "kvällar och helger. Regionens redovisning i september visar stora skillnader mellan "
        "hälsocentralerna.",
        "Ta fram en gemensam rutin för läkarmedverkan i hemsjukvården med fasta kontaktvägar och "
        "tider för gemensamma genomgångar.",
        steps=(Route(D(2026, 10, 7), VUXNA, "Bereds i Beredning vuxna och äldre."),),
    ),
    Spec(
        D(2026, 10, 12), HJALPMEDEL, REGION,
        "Reparation och underhåll av hjälpmedel i särskilt boende",
        "Det är oklart vem som beställer reparation av hjälpmedel som används i särskilt boende: "
        "förskrivaren, boendet eller brukaren.",
        "Förtydliga hjälpmedelshandbokens avsnitt om reparation och underhåll.",
        steps=(
            Route(D(2026, 10, 14), HJALPMEDEL, "Ryms inom Hjälpmedelsrådets mandat."),
            Adopt(D(2026, 11, 18), HJALPMEDEL,
                  "Hjälpmedelshandboken – förtydligande om reparation och underhåll",
                  ("fastställa förtydligandet om reparation och underhåll i "
                   "hjälpmedelshandboken",),
                  item="Hjälpmedelshandboken – förtydligande om reparation och underhåll"),
        ),
    ),
    Spec(
        D(2026, 10, 20), LSG, "umea",
        "Elevhälsans samverkan med barn- och ungdomspsykiatrin",
        "Skolchefsnätverket har uppmärksammat att samverkansavtal mellan elevhälsan och BUP "
        "saknas i fem kommuner, och att elever med neuropsykiatriska svårigheter hamnar mellan "
        "verksamheterna.",
        "Ta fram ett länsgemensamt stöd för samverkansavtal mellan elevhälsan och BUP.",
        origin_note="Från skolchefsnätverket via ansvarig linjechef i LSG",
        steps=(
            Route(D(2026, 10, 22), BARN,
                  "Hör ihop med arbetsgruppens kartläggning av elevhälsans samverkan med BUP."),
        ),
    ),
    Spec(
        D(2026, 10, 26), SAMRAD, REGION,
        "Regional utvecklingsplan för god och nära vård",
        "Region Västerbotten tar fram en regional utvecklingsplan för omställningen till god och "
        "nära vård. Planen påverkar kommunernas hälso- och sjukvård och behöver förankras hos "
        "alla huvudmän.",
        "Samrådet följer arbetet och tar ställning till hur planen ska remitteras till "
        "kommunerna.",
        steps=(
            Route(D(2026, 10, 28), SAMRAD, "Tas upp som information i samrådet."),
            Treat(D(2026, 11, 12), SAMRAD, NOTED,
                  "Utvecklingsplanen remitteras till kommunerna i januari. Samrådet får en "
                  "återrapport i mars.", item="God och nära vård – regional utvecklingsplan"),
        ),
    ),
    Spec(
        D(2026, 11, 9), PATIENTSAKERHET, "vannas",
        "Basala hygienrutiner vid vård i hemmet",
        "Smittspridning i samband med vård i hemmet har ökat. Kommunernas och regionens rutiner "
        "för basala hygienrutiner och skyddsutrustning i hemmet skiljer sig åt.",
        "Ta fram gemensamma hygienrutiner för vård i hemmet med stöd av regionens vårdhygien.",
        steps=(
            Route(D(2026, 11, 11), PATIENTSAKERHET, "Bereds i Samverkansråd patientsäkerhet."),
            OnAgenda(D(2026, 12, 3), PATIENTSAKERHET),
        ),
    ),
    Spec(
        D(2026, 11, 20), LSG, "user:ledamot",
        "Kommunsjuksköterskors tillgång till journaluppgifter nattetid",
        "Kommunens sjuksköterskor nattetid kan inte ta del av regionens journal för patienter i "
        "hemsjukvården, vilket fördröjer bedömningar och leder till onödiga ambulanstransporter.",
        "Utred hur sammanhållen journalföring kan användas av kommunens nattsjuksköterskor.",
        followers=("ledamot",),
    ),
    Spec(
        D(2026, 11, 23), VUXNA, "robertsfors",
        "Gemensam introduktion för nya medarbetare i hemsjukvården",
        "Kommunerna och hälsocentralerna introducerar nya medarbetare var för sig. Nya "
        "sjuksköterskor i hemsjukvården saknar ofta kunskap om den andra huvudmannens rutiner och "
        "kontaktvägar.",
        "Ta fram en gemensam digital introduktion om samverkan i hemsjukvården.",
    ),
]
# fmt: on

CASES: list[Spec] = [*CASES_2025, *CASES_2026]

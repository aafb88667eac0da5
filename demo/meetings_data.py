"""The demo meetings as data: which meetings, their topics and what happened (see demo.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from meetings.models import ItemKind, MinutesStatus
from structure.models import MeetingForm

DEMO_TODAY = datetime.date(2026, 11, 25)
ONE_DAY = datetime.timedelta(days=1)
REGIONENS_HUS = "Regionens hus, Umeå"
MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


@dataclass(frozen=True)
class Topic:
    kind: str
    title: str
    description: str
    proposal: str = ""
    notes: str = ""
    decisions: tuple[str, ...] = ()


def decision(
    title: str, description: str, proposal: str, notes: str = "", *decisions: str
) -> Topic:
    return Topic(ItemKind.DECISION, title, description, proposal, notes, decisions)


def info(title: str, description: str, notes: str = "") -> Topic:
    return Topic(ItemKind.INFORMATION, title, description, notes=notes or description)


def discussion(title: str, description: str, notes: str) -> Topic:
    return Topic(ItemKind.DISCUSSION, title, description, notes=notes)


@dataclass(frozen=True)
class Correction:
    reason: str
    item_title: str
    decisions: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """One demo meeting and what happened to it."""

    group: str
    day: datetime.date
    afternoon: bool = False
    form: str = ""  # empty: the group's own meeting form, or in person when it has none
    location: str = ""
    title: str = ""
    topics: tuple[Topic, ...] = ()
    papers_days_late: int = 0
    absent: int = 0
    approve_after: int = 3  # working days from the meeting to the first approval
    minutes: str = MinutesStatus.APPROVED
    correction: Correction | None = None
    kallelse_sent: bool = False  # for an upcoming meeting


D = datetime.date

SAMRAD = [
    Plan(
        "samrad",
        D(2026, 3, 12),
        location=REGIONENS_HUS,
        absent=1,
        topics=(
            decision(
                "Reviderad riktlinje för samverkan vid utskrivning från sluten hälso- och sjukvård",
                "LSG har reviderat den länsgemensamma riktlinjen efter uppföljningen 2025. "
                "Ändringarna gäller planeringsprocessen, den fasta vårdkontakten och "
                "informationsöverföringen i det gemensamma IT-stödet.",
                "Samrådet rekommenderar huvudmännen att anta den reviderade riktlinjen.",
                "LSG:s ordförande föredrog ärendet. Ledamöterna betonade att riktlinjen måste nå "
                "verksamheterna även i de mindre kommunerna och att uppföljningen ska redovisas "
                "för samrådet.",
                "rekommendera huvudmännen att anta den reviderade riktlinjen för samverkan vid "
                "utskrivning",
                "uppdra åt regional koordinator att expediera rekommendationen till "
                "huvudmännens beslutsinstanser",
            ),
            info(
                "Lägesbild psykisk hälsa barn och unga",
                "Beredning barn och unga redovisar kartläggningen av väntetider till första "
                "linjens insatser i länet.",
                "Väntetiderna har kortats i Umeåregionen men ökat i Södra Lappland. Samrådet "
                "vill ha en ny lägesbild under hösten.",
            ),
        ),
    ),
    Plan(
        "samrad",
        D(2026, 6, 17),
        afternoon=True,
        form=MeetingForm.HYBRID,
        location=REGIONENS_HUS,
        absent=2,
        topics=(
            decision(
                "Länsgemensam handlingsplan för psykisk hälsa 2027–2030",
                "Handlingsplanen bygger på den regionala kartläggningen och pekar ut fyra "
                "insatsområden: tidiga insatser för barn och unga, suicidprevention, "
                "samsjuklighet och stöd till anhöriga.",
                "Samrådet ställer sig bakom handlingsplanen och rekommenderar huvudmännen att "
                "anta den.",
                "Ledamöterna diskuterade hur insatserna ska finansieras och att kommunernas "
                "olika förutsättningar ska synas i uppföljningen.",
                "ställa sig bakom den länsgemensamma handlingsplanen för psykisk hälsa 2027–2030",
                "rekommendera huvudmännen att anta handlingsplanen senast den 31 december 2026",
            ),
            info(
                "Uppföljning av överenskommelsen om hemsjukvård",
                "Regional koordinator redovisar den årliga uppföljningen av överenskommelsen om "
                "hälso- och sjukvård i hemmet.",
                "Antalet inskrivna i kommunal hemsjukvård har ökat med sju procent. "
                "Läkarmedverkan i hemsjukvården behöver följas upp särskilt.",
            ),
        ),
    ),
    Plan(
        "samrad",
        D(2026, 11, 12),
        location=REGIONENS_HUS,
        absent=1,
        topics=(
            decision(
                "Mötesplan för 2027",
                "Förslag till datum för samrådets möten 2027 med tillhörande AU-möten, "
                "samordnade med Länssamverkansgruppens mötesplan.",
                "Samrådet fastställer mötesplanen för 2027.",
                "Förslaget gicks igenom utan invändningar.",
                "fastställa mötesplanen för 2027 enligt förslaget",
            ),
            decision(
                "Översyn av samrådets mötesformer",
                "Mötesformerna ses över varje år. Utvärderingen visar att ledamöterna föredrar "
                "fysiska möten med möjlighet att delta på distans.",
                "Samrådet behåller fysiska möten som huvudsaklig mötesform och erbjuder "
                "deltagande via video vid behov.",
                "Flera ledamöter från inlandskommunerna framhöll att videodeltagandet har "
                "fungerat väl och sparat långa resor.",
                "behålla fysiska möten som huvudsaklig mötesform",
                "erbjuda deltagande via video när resan inte är rimlig",
            ),
            info(
                "God och nära vård – regional utvecklingsplan",
                "Region Västerbotten informerar om arbetet med den regionala utvecklingsplanen "
                "för omställningen till god och nära vård.",
                "Utvecklingsplanen remitteras till kommunerna i januari. Samrådet får en "
                "återrapport i mars.",
            ),
        ),
    ),
]

LSG = [
    Plan(
        "lsg",
        D(2026, 2, 19),
        location=REGIONENS_HUS,
        absent=1,
        topics=(
            decision(
                "Reviderad riktlinje för samverkan vid utskrivning",
                "Beredning vuxna och äldre har tagit fram ett förslag till reviderad riktlinje "
                "efter uppföljningen 2025.",
                "LSG ställer sig bakom förslaget och lyfter det till Samråd vård och omsorg.",
                "Beredningens ordförande föredrog förslaget. LSG framhöll att rutinen för fast "
                "vårdkontakt ska gälla även för barn och unga.",
                "ställa sig bakom förslaget till reviderad riktlinje för samverkan vid utskrivning",
                "lyfta ärendet till Samråd vård och omsorg för rekommendation till huvudmännen",
            ),
            info(
                "Rapport från Beredning barn och unga",
                "Beredningen redovisar arbetet med samordnad individuell plan (SIP) för barn "
                "och unga.",
                "Förslaget till gemensam SIP-rutin väntas till LSG i april.",
            ),
        ),
    ),
    Plan(
        "lsg",
        D(2026, 4, 16),
        afternoon=True,
        form=MeetingForm.HYBRID,
        location="Lycksele kommunhus",
        topics=(
            decision(
                "Gemensam rutin för avvikelsehantering mellan kommun och region",
                "Samverkansråd patientsäkerhet föreslår en gemensam rutin för avvikelser som "
                "berör båda huvudmännen, med gemensam mottagning och återkoppling inom 14 dagar.",
                "LSG ställer sig bakom förslaget till gemensam rutin och uppdrar åt rådet att "
                "följa upp den.",
                "Rådets ordförande föredrog förslaget. LSG betonade att återkopplingen till den "
                "som rapporterat avvikelsen är central.",
                "ställa sig bakom förslaget till gemensam rutin för avvikelsehantering",
                "uppdra åt Samverkansråd patientsäkerhet att följa upp rutinen och "
                "återrapportera till LSG i april 2028",
            ),
            info(
                "Hjälpmedelsrådets verksamhetsberättelse 2025",
                "Hjälpmedelsrådets ordförande redovisar rådets arbete och hjälpmedelsverksamhetens "
                "ekonomi 2025.",
                "Verksamheten redovisar ett litet överskott. Förskrivningen av elrullstolar "
                "fortsätter att öka.",
            ),
        ),
        correction=Correction(
            reason="Återrapporteringen ska ske i april 2027, inte 2028 som det felaktigt stod "
            "i den justerade versionen.",
            item_title="Gemensam rutin för avvikelsehantering mellan kommun och region",
            decisions=(
                "ställa sig bakom förslaget till gemensam rutin för avvikelsehantering",
                "uppdra åt Samverkansråd patientsäkerhet att följa upp rutinen och "
                "återrapportera till LSG i april 2027",
            ),
        ),
    ),
    Plan(
        "lsg",
        D(2026, 6, 11),
        location="Skellefteå stadshus",
        papers_days_late=1,
        absent=1,
        topics=(
            decision(
                "Uppdrag till arbetsgrupp psykisk hälsa barn och unga",
                "Beredning barn och unga föreslår att arbetsgruppens uppdrag förlängs och "
                "kompletteras med en kartläggning av elevhälsans samverkan med BUP.",
                "LSG förlänger arbetsgruppens uppdrag enligt beredningens förslag.",
                "LSG noterade att underlaget kom ut en dag för sent och tog ändå upp ärendet.",
                "förlänga uppdraget för arbetsgrupp psykisk hälsa barn och unga till och med "
                "den 30 juni 2027",
                "komplettera uppdraget med en kartläggning av elevhälsans samverkan med barn- "
                "och ungdomspsykiatrin",
            ),
            info(
                "Läkemedelsgenomgångar i särskilt boende – lägesrapport",
                "Beredning vuxna och äldre redovisar andelen boende som har fått en "
                "läkemedelsgenomgång under det senaste året.",
                "Andelen har ökat från 61 till 74 procent. Målet är 90 procent 2027.",
            ),
        ),
    ),
    Plan(
        "lsg",
        D(2026, 10, 15),
        afternoon=True,
        form=MeetingForm.HYBRID,
        location=REGIONENS_HUS,
        absent=2,
        topics=(
            decision(
                "Förslag till mötesplan 2027",
                "Förslag till datum för LSG och beredningarna 2027, där beredningarna möts två "
                "till tre veckor före LSG.",
                "LSG fastställer mötesplanen och lyfter samrådets datum till Samråd vård och "
                "omsorg.",
                "Förslaget godtogs med en justering av decembermötet.",
                "fastställa mötesplanen för 2027 för LSG och beredningarna",
                "lyfta förslaget till samrådets mötesdatum till Samråd vård och omsorg",
            ),
            info(
                "Återrapport från ledningsseminariet",
                "Arbetsgruppen för ledningsseminariet återrapporterar seminariets prioriteringar.",
                "Seminariet prioriterade barn och unga med psykisk ohälsa och äldre med "
                "omfattande vårdbehov.",
            ),
        ),
    ),
    Plan(
        "lsg",
        D(2026, 12, 10),
        location=REGIONENS_HUS,
        topics=(
            decision(
                "Verksamhetsplan för regional samverkan 2027",
                "Förslag till verksamhetsplan med prioriterade områden utifrån "
                "ledningsseminariets prioriteringar.",
                "LSG fastställer verksamhetsplanen för 2027.",
            ),
            info(
                "Uppföljning av rekommendationer 2026",
                "Regional koordinator redovisar vilka huvudmän som har fattat beslut om årets "
                "rekommendationer.",
            ),
        ),
    ),
]

BARN_OCH_UNGA = [
    Plan(
        "beredning-barn-och-unga",
        D(2026, 2, 3),
        form=MeetingForm.VIDEO,
        topics=(
            decision(
                "Gemensam rutin för samordnad individuell plan (SIP) för barn och unga",
                "Förslag till länsgemensam rutin där elevhälsan, socialtjänsten och BUP kallar "
                "till SIP inom fyra veckor från att behovet har uppmärksammats.",
                "Beredningen ställer sig bakom rutinen och lyfter den till LSG.",
                "Beredningen diskuterade hur barnets egen röst ska dokumenteras i planen.",
                "ställa sig bakom förslaget till gemensam rutin för SIP för barn och unga",
                "lyfta rutinen till LSG för beslut",
            ),
            info(
                "Psykisk hälsa barn och unga – väntetider till första linjen",
                "Arbetsgruppen redovisar en första kartläggning av väntetiderna.",
            ),
        ),
    ),
    Plan(
        "beredning-barn-och-unga",
        D(2026, 3, 31),
        afternoon=True,
        location="Lycksele kommunhus",
        absent=1,
        topics=(
            info(
                "Barn som anhöriga – nytt nationellt kunskapsstöd",
                "Genomgång av Socialstyrelsens kunskapsstöd om barn som anhöriga.",
            ),
            decision(
                "Förlängt uppdrag för arbetsgrupp psykisk hälsa barn och unga",
                "Arbetsgruppens uppdrag löper ut i juni. Kartläggningen av elevhälsans "
                "samverkan med BUP återstår.",
                "Beredningen föreslår LSG att förlänga uppdraget till och med juni 2027.",
                "Beredningen var enig om att kartläggningen behövs.",
                "föreslå LSG att förlänga arbetsgruppens uppdrag till och med den 30 juni 2027",
            ),
        ),
    ),
    Plan(
        "beredning-barn-och-unga",
        D(2026, 5, 26),
        form=MeetingForm.VIDEO,
        topics=(
            decision(
                "Gemensamma insatser för barn och unga med samsjuklighet",
                "Barn och unga med både psykisk ohälsa och missbruk faller ofta mellan "
                "huvudmännens ansvar. Beredningen har tagit fram ett förslag till gemensam "
                "samordningsmodell.",
                "Beredningen ger arbetsgruppen i uppdrag att pröva modellen i två kommuner.",
                "Vännäs och Lycksele anmälde intresse för att pröva modellen.",
                "ge arbetsgruppen i uppdrag att pröva samordningsmodellen i Vännäs och Lycksele "
                "under hösten 2026",
            ),
            info(
                "Barnahus Västerbotten – verksamhetsrapport",
                "Barnahus redovisar antal ärenden och samverkan med socialtjänsten 2025.",
            ),
        ),
    ),
    Plan(
        "beredning-barn-och-unga",
        D(2026, 9, 29),
        afternoon=True,
        location="Skellefteå stadshus",
        topics=(
            info(
                "Elevhälsans samverkan med BUP – resultat av kartläggningen",
                "Arbetsgruppen presenterar resultatet av kartläggningen.",
                "Samverkansavtal saknas i fem kommuner. Arbetsgruppen återkommer med förslag.",
            ),
            decision(
                "Synpunkter på förslag till mötesplan 2027",
                "LSG har skickat förslaget till mötesplan 2027 till beredningarna för synpunkter.",
                "Beredningen tillstyrker förslaget.",
                "Beredningen ser gärna att decembermötet flyttas en vecka tidigare.",
                "tillstyrka förslaget till mötesplan 2027",
            ),
        ),
    ),
    Plan(
        "beredning-barn-och-unga",
        D(2026, 11, 24),
        form=MeetingForm.VIDEO,
        minutes=MinutesStatus.DRAFT,
        topics=(
            decision(
                "Tidiga insatser i förskolan – förslag till länsgemensam modell",
                "Förslag till modell för tidig upptäckt och stöd i förskolan, med "
                "barnhälsovården och socialtjänsten som samverkansparter.",
                "Beredningen lyfter modellen till LSG.",
                "Beredningen vill att modellen prövas i tre kommuner innan den införs i länet.",
                "lyfta modellen för tidiga insatser i förskolan till LSG",
                "föreslå att modellen prövas i tre kommuner under 2027",
            ),
            info(
                "Rapport från arbetsgrupp psykisk hälsa barn och unga",
                "Arbetsgruppen rapporterar från prövningen av samordningsmodellen.",
            ),
        ),
    ),
]

VUXNA_OCH_ALDRE = [
    Plan(
        "beredning-vuxna-och-aldre",
        D(2026, 2, 4),
        location=REGIONENS_HUS,
        topics=(
            decision(
                "Reviderad riktlinje för samverkan vid utskrivning – slutligt förslag",
                "Arbetsgrupp samverkan vid utskrivning har arbetat in remissvaren i förslaget "
                "till reviderad riktlinje.",
                "Beredningen ställer sig bakom förslaget och lyfter det till LSG.",
                "Beredningen tackade arbetsgruppen för ett grundligt arbete.",
                "ställa sig bakom förslaget till reviderad riktlinje för samverkan vid utskrivning",
                "lyfta förslaget till LSG",
            ),
            info(
                "Arbetsgrupp samverkan vid utskrivning – återrapport",
                "Arbetsgruppen redovisar antalet utskrivningsklara dagar per kommun 2025.",
            ),
        ),
    ),
    Plan(
        "beredning-vuxna-och-aldre",
        D(2026, 4, 1),
        afternoon=True,
        form=MeetingForm.VIDEO,
        topics=(
            decision(
                "Läkemedelsgenomgångar i särskilt boende – gemensam rutin",
                "Förslag till rutin där kommunens sjuksköterska och regionens läkare "
                "genomför en läkemedelsgenomgång vid inflyttning och därefter årligen.",
                "Beredningen ställer sig bakom rutinen och följer upp den i juni.",
                "MAS-nätverket har lämnat synpunkter som har arbetats in.",
                "ställa sig bakom förslaget till gemensam rutin för läkemedelsgenomgångar",
                "följa upp andelen genomförda läkemedelsgenomgångar vid mötet i maj",
            ),
            info(
                "Palliativ vård – resultat från Svenska palliativregistret",
                "Regionens palliativa konsultteam redovisar länets resultat 2025.",
            ),
        ),
    ),
    Plan(
        "beredning-vuxna-och-aldre",
        D(2026, 5, 27),
        location="Vilhelmina kommunhus",
        absent=1,
        topics=(
            info(
                "Läkemedelsgenomgångar – uppföljning",
                "Uppföljning av andelen boende som har fått en läkemedelsgenomgång.",
                "Andelen har ökat till 74 procent. Rapporten lyfts till LSG i juni.",
            ),
            decision(
                "Samverkan kring personer med demenssjukdom – uppdrag till arbetsgrupp",
                "Flera kommuner efterfrågar en gemensam struktur för demensutredning och "
                "uppföljning.",
                "Beredningen tillsätter en arbetsgrupp med uppdrag att föreslå en gemensam "
                "struktur.",
                "Arbetsgruppen ska ha representanter från alla tre geografiska grupperingar.",
                "tillsätta en arbetsgrupp för samverkan kring personer med demenssjukdom",
                "arbetsgruppen lämnar förslag till beredningen senast den 31 mars 2027",
            ),
        ),
    ),
    Plan(
        "beredning-vuxna-och-aldre",
        D(2026, 9, 30),
        afternoon=True,
        form=MeetingForm.VIDEO,
        papers_days_late=2,
        topics=(
            decision(
                "Samsjuklighet missbruk och psykisk ohälsa – gemensam samordningsrutin",
                "Förslag till rutin för samordning mellan kommunens socialtjänst och regionens "
                "psykiatri för vuxna med samsjuklighet.",
                "Beredningen ställer sig bakom rutinen och lyfter den till LSG.",
                "Underlaget kom ut två dagar för sent; beredningen behandlade ärendet ändå. "
                "Brukarorganisationerna ska få lämna synpunkter innan rutinen lyfts till LSG.",
                "ställa sig bakom förslaget till gemensam samordningsrutin",
                "lyfta rutinen till LSG efter samråd med brukarorganisationerna",
            ),
            info(
                "Hemsjukvård – läkarmedverkan i kommunal hälso- och sjukvård",
                "Regionen redovisar hur läkarmedverkan i kommunal hemsjukvård fungerar.",
            ),
        ),
    ),
    Plan(
        "beredning-vuxna-och-aldre",
        D(2026, 11, 26),
        form=MeetingForm.VIDEO,
        kallelse_sent=True,
        topics=(
            decision(
                "Synpunkter på verksamhetsplan 2027",
                "LSG:s förslag till verksamhetsplan för regional samverkan 2027.",
                "Beredningen lämnar synpunkter på förslaget till LSG.",
            ),
            info(
                "Utskrivningsklara patienter – statistik tredje kvartalet",
                "Genomgång av antalet utskrivningsklara dagar per kommun.",
            ),
        ),
    ),
]

PATIENTSAKERHET = [
    Plan(
        "samverkansrad-patientsakerhet",
        D(2026, 3, 5),
        topics=(
            decision(
                "Förslag till gemensam rutin för avvikelsehantering",
                "Avvikelser som berör både kommun och region hanteras i dag i två system utan "
                "gemensam återkoppling. Förslaget ger en gemensam mottagning och återkoppling "
                "inom 14 dagar.",
                "Rådet ställer sig bakom förslaget och lyfter det till LSG.",
                "Rådet diskuterade hur avvikelser i samband med utskrivning ska prioriteras.",
                "ställa sig bakom förslaget till gemensam rutin för avvikelsehantering",
                "lyfta rutinen till LSG",
            ),
            info(
                "Händelseanalys: fördröjd läkemedelsinformation vid utskrivning",
                "Chefläkaren redovisar en gemensam händelseanalys.",
                "Analysen visar att läkemedelslistan inte nådde hemsjukvården förrän dagen "
                "efter hemgång. Åtgärderna ingår i förslaget till gemensam rutin.",
            ),
        ),
    ),
    Plan(
        "samverkansrad-patientsakerhet",
        D(2026, 9, 10),
        afternoon=True,
        topics=(
            info(
                "Trycksår och fall – punktprevalensmätning 2026",
                "Resultat från vårens mätning i kommunal vård och omsorg och i slutenvården.",
            ),
            decision(
                "Årlig sammanställning till LSG av behandlade frågor",
                "Rådet lämnar varje år en offentlig sammanställning av behandlade frågor till LSG.",
                "Rådet fastställer sammanställningen för perioden september 2025–augusti 2026.",
                "Sammanställningen kompletteras med resultatet från punktprevalensmätningen.",
                "fastställa sammanställningen och överlämna den till LSG",
            ),
        ),
    ),
    Plan(
        "samverkansrad-patientsakerhet",
        D(2026, 12, 3),
        topics=(
            info(
                "Uppföljning av den gemensamma avvikelserutinen",
                "Första uppföljningen av rutinen som LSG ställde sig bakom i april.",
            ),
            decision(
                "Rådets egenutvärdering 2026",
                "Rådet utvärderar varje år sitt eget arbete.",
                "Rådet godkänner egenutvärderingen och redovisar den för LSG.",
            ),
        ),
    ),
]

HJALPMEDEL = [
    Plan(
        "hjalpmedelsradet",
        D(2026, 2, 26),
        afternoon=True,
        topics=(
            decision(
                "Redaktionella ändringar i hjälpmedelshandboken",
                "Förtydliganden i handbokens avsnitt om förskrivning av rollatorer och om "
                "återlämning av hjälpmedel.",
                "Hjälpmedelsrådet beslutar om ändringarna inom sitt mandat.",
                "Ändringarna påverkar inte huvudmännens kostnader.",
                "fastställa de redaktionella ändringarna i hjälpmedelshandboken",
                "uppdra åt Hjälpmedel Västerbotten att publicera den uppdaterade handboken "
                "senast den 1 april 2026",
            ),
            info(
                "Hjälpmedelsverksamhetens ekonomi 2025",
                "Verksamhetschefen för Hjälpmedel Västerbotten redovisar bokslutet.",
            ),
        ),
    ),
    Plan(
        "hjalpmedelsradet",
        D(2026, 5, 7),
        absent=1,
        topics=(
            decision(
                "Småskaligt test av digitala tillsynsprodukter",
                "Två kommuner vill pröva digital tillsyn via sensorer i ordinärt boende under "
                "sex månader.",
                "Hjälpmedelsrådet godkänner testet och följer upp resultatet.",
                "Testet ryms inom rådets mandat för småskaliga tester.",
                "godkänna ett test av digitala tillsynsprodukter i Dorotea och Bjurholm",
                "följa upp testet vid rådets möte i november",
            ),
            info(
                "Förskrivarutbildning i hjälpmedelsprocessen – utfall",
                "Antal förskrivare som har genomgått den obligatoriska utbildningen.",
            ),
        ),
    ),
    Plan(
        "hjalpmedelsradet",
        D(2026, 9, 3),
        topics=(
            info(
                "Upphandling av sortimentet för rörelsehinder – lägesrapport",
                "Hjälpmedel Västerbotten redovisar upphandlingens tidplan.",
            ),
            decision(
                "Komplettering av sortimentet för hygienhjälpmedel",
                "Förslag att komplettera sortimentet med en duschstol med tippfunktion under "
                "pågående avtalsperiod.",
                "Hjälpmedelsrådet beslutar om kompletteringen.",
                "Produkten ryms inom befintligt avtal.",
                "komplettera sortimentet för hygienhjälpmedel enligt förslaget",
            ),
        ),
    ),
    Plan(
        "hjalpmedelsradet",
        D(2026, 11, 18),
        afternoon=True,
        minutes=MinutesStatus.IN_APPROVAL,
        topics=(
            decision(
                "Hjälpmedelshandboken – förtydligande om reparation och underhåll",
                "Handbokens avsnitt om vem som beställer reparation av hjälpmedel i särskilt "
                "boende förtydligas.",
                "Hjälpmedelsrådet beslutar om förtydligandet.",
                "Förtydligandet har stämts av med MAS-nätverket.",
                "fastställa förtydligandet om reparation och underhåll i hjälpmedelshandboken",
            ),
            info(
                "Uppföljning av testet av digitala tillsynsprodukter",
                "Dorotea och Bjurholm redovisar erfarenheterna från testet.",
            ),
        ),
    ),
]

SAMRAD_AU = [
    Plan(
        "samrad-au",
        D(2026, 2, 24),
        topics=(
            discussion(
                "Dagordning till samrådets möte den 12 mars",
                "Genomgång av ärenden till samrådet.",
                "Riktlinjen för samverkan vid utskrivning tas upp som beslutsärende.",
            ),
        ),
    ),
    Plan(
        "samrad-au",
        D(2026, 5, 28),
        afternoon=True,
        topics=(
            discussion(
                "Dagordning till samrådets möte den 17 juni",
                "Genomgång av ärenden till samrådet.",
                "Handlingsplanen för psykisk hälsa tas upp som beslutsärende.",
            ),
        ),
    ),
    Plan(
        "samrad-au",
        D(2026, 10, 22),
        topics=(
            discussion(
                "Dagordning till samrådets möte den 12 november",
                "Genomgång av ärenden till samrådet.",
                "Mötesplanen för 2027 och översynen av mötesformerna tas upp.",
            ),
        ),
    ),
    Plan(
        "samrad-au",
        D(2026, 12, 15),
        topics=(
            discussion(
                "Planering av samrådets arbete 2027",
                "Inriktning och teman för samrådets möten 2027.",
                "",
            ),
        ),
    ),
]

LSG_AU = [
    Plan(
        "lsg-au",
        D(2026, 2, 5),
        topics=(
            discussion(
                "Dagordning till LSG den 19 februari",
                "Genomgång av inkomna ärenden från beredningarna.",
                "Riktlinjen för samverkan vid utskrivning och rapporten från Beredning barn och "
                "unga tas upp.",
            ),
        ),
    ),
    Plan(
        "lsg-au",
        D(2026, 5, 21),
        topics=(
            discussion(
                "Dagordning till LSG den 11 juni",
                "Genomgång av inkomna ärenden från beredningarna.",
                "Arbetsgruppens förlängda uppdrag tas upp som beslutsärende.",
            ),
        ),
    ),
    Plan(
        "lsg-au",
        D(2026, 9, 24),
        afternoon=True,
        topics=(
            discussion(
                "Dagordning till LSG den 15 oktober",
                "Genomgång av inkomna ärenden och förslaget till mötesplan 2027.",
                "Mötesplanen skickas till beredningarna för synpunkter.",
            ),
        ),
    ),
    Plan(
        "lsg-au",
        D(2026, 11, 19),
        topics=(
            discussion(
                "Dagordning till LSG den 10 december",
                "Genomgång av förslaget till verksamhetsplan 2027.",
                "Verksamhetsplanen tas upp som beslutsärende.",
            ),
        ),
    ),
]

LEDNINGSSEMINARIUM = [
    Plan(
        "ledningsseminarium",
        D(2026, 10, 1),
        location="Folkets Hus, Umeå",
        title="Regionalt ledningsseminarium 2026",
        topics=(
            info(
                "Befolkningens hälsa och livsvillkor i Västerbotten",
                "Arbetsgruppen presenterar den gemensamma lägesbilden.",
            ),
            decision(
                "Prioriterade målgrupper 2027–2028",
                "Utifrån lägesbilden föreslår arbetsgruppen två prioriterade målgrupper: barn "
                "och unga med psykisk ohälsa och äldre med omfattande vårdbehov.",
                "Seminariet prioriterar målgrupperna och sätter gemensamma resultatmål.",
            ),
        ),
    ),
]

NEXT_YEAR = [
    *(Plan("samrad", day, location=REGIONENS_HUS)
      for day in (D(2027, 3, 11), D(2027, 6, 16), D(2027, 11, 11))),
    *(Plan("lsg", day, location=REGIONENS_HUS)
      for day in (D(2027, 2, 18), D(2027, 4, 15), D(2027, 6, 10), D(2027, 10, 14),
                  D(2027, 12, 9))),
    *(Plan("beredning-vuxna-och-aldre", day, form=MeetingForm.VIDEO)
      for day in (D(2027, 2, 3), D(2027, 3, 31), D(2027, 5, 26), D(2027, 9, 29),
                  D(2027, 11, 24))),
]  # fmt: skip

PLANS: list[Plan] = [
    *SAMRAD, *LSG, *BARN_OCH_UNGA, *VUXNA_OCH_ALDRE, *PATIENTSAKERHET, *HJALPMEDEL,
    *SAMRAD_AU, *LSG_AU, *LEDNINGSSEMINARIUM, *NEXT_YEAR,
]  # fmt: skip

SKELETON_NOTES = {
    "Mötet öppnas": "Ordföranden hälsade alla välkomna och öppnade mötet.",
    "Fastställande av dagordning": "Dagordningen fastställdes.",
    "Föregående mötes minnesanteckningar": (
        "Föregående mötes minnesanteckningar gicks igenom och lades till handlingarna."
    ),
    "Rapporter": "Ledamöterna rapporterade kort från respektive huvudman.",
    "Övriga frågor": "Inga övriga frågor anmäldes.",
    "Mötet avslutas": "Ordföranden tackade för ett gott engagemang och avslutade mötet.",
}

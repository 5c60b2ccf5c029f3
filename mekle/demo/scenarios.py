"""Realistic conflicts for demo cases: what happened, who referred it, and who took part."""

from dataclasses import dataclass

from mekle.cases.models import CaseType, ReferrerKind


@dataclass(frozen=True)
class Scenario:
    case_type: str
    referrer_kind: str
    referrer_name: str
    description: str
    minor_offender: bool = False


SCENARIOS = [
    Scenario(
        CaseType.CIVIL,
        ReferrerKind.PARTY,
        "",
        "Naboer er uenige om en hekk som skygger for hagen. Stemningen har blitt så dårlig at de ikke hilser lenger.",
    ),
    Scenario(
        CaseType.CIVIL,
        ReferrerKind.SCHOOL,
        "Haugen skole",
        "To elever i 9. trinn har kommet i konflikt etter utestengning og stygge meldinger i en klassechat.",
        minor_offender=True,
    ),
    Scenario(
        CaseType.CRIMINAL_MEDIATION,
        ReferrerKind.POLICE,
        "politidistriktet",
        "Butikktyveri. En 16-åring tok varer for 1 200 kroner og vil gjøre opp for seg.",
        minor_offender=True,
    ),
    Scenario(
        CaseType.CRIMINAL_MEDIATION,
        ReferrerKind.POLICE,
        "politidistriktet",
        "Hærverk: tagging på vegg og dør i en barnehage en helg i oktober.",
    ),
    Scenario(
        CaseType.CIVIL,
        ReferrerKind.MUNICIPALITY,
        "Boligkontoret",
        "Støy og krangling i oppgangen i en kommunal bolig. Flere beboere er slitne og redde for at det skal eskalere.",
    ),
    Scenario(
        CaseType.CIVIL,
        ReferrerKind.POLICE,
        "politidistriktet",
        "Trusler på sosiale medier mellom to 14-åringer. Saken er overført som sivil sak fordi den ene er under 15 år.",
        minor_offender=True,
    ),
    Scenario(
        CaseType.FOLLOW_UP,
        ReferrerKind.POLICE,
        "politidistriktet",
        "Gjentatte innbrudd i boder. Påtalemyndigheten har besluttet oppfølging i konfliktråd.",
    ),
    Scenario(
        CaseType.YOUTH_FOLLOW_UP,
        ReferrerKind.POLICE,
        "politidistriktet",
        "Vold mot en jevnaldrende på en fest. Ungdommen er 17 år og har samtykket til ungdomsoppfølging.",
        minor_offender=True,
    ),
    Scenario(
        CaseType.YOUTH_SENTENCE,
        ReferrerKind.COURT,
        "tingrett",
        "Flere ran av mobiltelefoner. Tingretten har idømt ungdomsstraff.",
        minor_offender=True,
    ),
    Scenario(
        CaseType.CIVIL,
        ReferrerKind.CHILD_WELFARE,
        "Barneverntjenesten",
        "Konflikt mellom en 15-åring og en nabo etter gjentatte episoder med ballspill og ødelagte vinduer.",
        minor_offender=True,
    ),
    Scenario(
        CaseType.CIVIL,
        ReferrerKind.PARTY,
        "",
        "To tidligere venner er uenige om et lån på 15 000 kroner og har sluttet å snakke sammen.",
    ),
    Scenario(
        CaseType.CRIMINAL_MEDIATION,
        ReferrerKind.POLICE,
        "politidistriktet",
        "Skadeverk på en bil etter en krangel om parkering i et borettslag.",
    ),
]

INTERPRETER_LANGUAGES = ["arabisk", "polsk", "somali", "tigrinja", "ukrainsk"]

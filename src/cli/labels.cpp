#include "cli/labels.hpp"

namespace kollega::cli {
namespace {

constexpr Labels kEn{
    "Groups of", "mixed learning groups", "mentor pairs", "skill-exchange pairs", "meeting", "regrouping after", "sessions",
    "weekly", "every 2 weeks", "every 4 weeks", "monthly",
    "Ground rules", "Confidentiality", "Path", "after", "not before", "after attended sessions:",
    "min", "each with", "Questions for the coach:", "Examples:", "check in", "Prompts:", "Focus", "What worked", "To improve",
    "at least", "things that worked,", "at most", "to improve",
    "Scenario", "stage", "role", "checklist", "Grading: pass at", "of all steps, equally weighted", "of the weighted steps:",
    "goal", "reflection", "observation and feedback", "role-play", "peer session",
    "steps done", "next", "done", "ignored event",
    "no swap", "swap roles once", "swap until everyone has played every role"};

constexpr Labels kSv{
    "Grupper om", "blandade lärgrupper", "mentorpar", "par som lär varandra", "träffas", "ny gruppindelning efter", "träffar",
    "varje vecka", "varannan vecka", "var fjärde vecka", "en gång i månaden",
    "Spelregler", "Konfidentialitet", "Lärväg", "efter", "tidigast", "efter antal träffar:",
    "min", "var med", "Frågor för den som coachar:", "Exempel:", "stäm av", "Frågor att reflektera över:", "Fokus", "Det som fungerade", "Att utveckla",
    "minst", "saker som fungerade,", "högst", "att utveckla",
    "Scenario", "steg", "roll", "checklista", "Bedömning: godkänt vid", "av alla steg, lika viktade", "av de viktade stegen:",
    "mål", "reflektion", "observation och återkoppling", "rollspel", "kollegial träff",
    "steg klara", "nästa", "klart", "ignorerad händelse",
    "inget rollbyte", "byt roller en gång", "byt tills alla har spelat varje roll"};

constexpr Labels kNb{
    "Grupper på", "blandede læringsgrupper", "mentorpar", "par som lærer hverandre", "møtes", "ny gruppeinndeling etter", "møter",
    "hver uke", "annenhver uke", "hver fjerde uke", "en gang i måneden",
    "Spilleregler", "Taushetsplikt", "Læringssti", "etter", "tidligst", "etter antall møter:",
    "min", "hver med", "Spørsmål til den som coacher:", "Eksempler:", "sjekk inn", "Spørsmål til refleksjon:", "Fokus", "Det som fungerte", "Å forbedre",
    "minst", "ting som fungerte,", "høyst", "å forbedre",
    "Scenario", "trinn", "rolle", "sjekkliste", "Vurdering: bestått ved", "av alle trinn, likt vektet", "av de vektede trinnene:",
    "mål", "refleksjon", "observasjon og tilbakemelding", "rollespill", "kollegamøte",
    "trinn fullført", "neste", "fullført", "ignorert hendelse",
    "ingen rollebytte", "bytt roller én gang", "bytt til alle har spilt hver rolle"};

constexpr Labels kNl{
    "Groepen van", "gemengde leergroepen", "mentorduo's", "duo's die elkaar iets leren", "komt samen", "nieuwe groepen na", "bijeenkomsten",
    "wekelijks", "om de 2 weken", "om de 4 weken", "maandelijks",
    "Spelregels", "Vertrouwelijkheid", "Leerpad", "na", "niet voor", "na aantal bijeenkomsten:",
    "min", "elk bij", "Vragen voor de coach:", "Voorbeelden:", "check-in", "Reflectievragen:", "Focus", "Wat werkte", "Om te verbeteren",
    "minstens", "dingen die werkten,", "hoogstens", "om te verbeteren",
    "Scenario", "fase", "rol", "checklist", "Beoordeling: geslaagd bij", "van alle stappen, even zwaar", "van de gewogen stappen:",
    "doel", "reflectie", "observatie en feedback", "rollenspel", "intervisiebijeenkomst",
    "stappen klaar", "volgende", "klaar", "genegeerde gebeurtenis",
    "geen rolwissel", "wissel één keer van rol", "wissel tot iedereen elke rol heeft gespeeld"};

}  // namespace

const Labels& labels(std::string_view lang) {
    if (lang == "sv") return kSv;
    if (lang == "nb" || lang == "no" || lang == "nn") return kNb;
    if (lang == "nl") return kNl;
    return kEn;
}

std::string_view cadence_words(const Labels& l, Cadence c) {
    switch (c) {
        case Cadence::Weekly: return l.weekly;
        case Cadence::Every2Weeks: return l.every_2_weeks;
        case Cadence::Every4Weeks: return l.every_4_weeks;
        case Cadence::Monthly: return l.monthly;
    }
    return l.every_2_weeks;
}

std::string_view pairing_words(const Labels& l, Pairing p) {
    switch (p) {
        case Pairing::Group: return l.pairing_group;
        case Pairing::Mentor: return l.pairing_mentor;
        case Pairing::SkillExchange: return l.pairing_skills;
    }
    return l.pairing_group;
}

std::string_view swap_words(const Labels& l, Swap s) {
    switch (s) {
        case Swap::None: return l.swap_none;
        case Swap::Once: return l.swap_once;
        case Swap::EachRole: return l.swap_each_role;
    }
    return l.swap_once;
}

std::string_view kind_words(const Labels& l, ActivityKind k) {
    switch (k) {
        case ActivityKind::Goal: return l.kind_goal;
        case ActivityKind::Reflection: return l.kind_reflection;
        case ActivityKind::Observation: return l.kind_observation;
        case ActivityKind::RolePlay: return l.kind_role_play;
        case ActivityKind::Session: return l.kind_session;
    }
    return l.kind_goal;
}

}  // namespace kollega::cli

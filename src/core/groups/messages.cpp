#include "core/groups/messages.hpp"

namespace kollega::groups {
namespace {

/// One form pair (singular, plural) per language.
struct Forms {
    std::string_view one, other;
};
struct Entry {
    std::string_view key;
    Forms en, sv, nb, nl;
};

// Keep in step with docs/groups.md ("Result JSON"). Where a sentence has no number, one == other.
constexpr Entry kCatalog[] = {
    {"group.departments",
     {"all from one department", "mixes {count} departments"},
     {"alla från en avdelning", "blandar {count} avdelningar"},
     {"alle fra én avdeling", "blander {count} avdelinger"},
     {"allemaal van één afdeling", "mengt {count} afdelingen"}},
    {"group.oneDepartment",
     {"all from {department}", "all from {department}"},
     {"alla från {department}", "alla från {department}"},
     {"alle fra {department}", "alle fra {department}"},
     {"allemaal van {department}", "allemaal van {department}"}},
    {"group.noLine",
     {"no shared reporting line", "no shared reporting line"},
     {"ingen delad rapporteringslinje", "ingen delad rapporteringslinje"},
     {"ingen felles rapporteringslinje", "ingen felles rapporteringslinje"},
     {"geen gedeelde rapportagelijn", "geen gedeelde rapportagelijn"}},
    {"group.forbidden",
     {"{a} and {b} may not share a group", "{a} and {b} may not share a group"},
     {"{a} och {b} får inte vara i samma grupp", "{a} och {b} får inte vara i samma grupp"},
     {"{a} og {b} kan ikke være i samme gruppe", "{a} og {b} kan ikke være i samme gruppe"},
     {"{a} en {b} mogen niet in dezelfde groep", "{a} en {b} mogen niet in dezelfde groep"}},
    {"group.newPairs",
     {"{new} of {pairs} pair new", "{new} of {pairs} pairs new"},
     {"{new} av {pairs} par nytt", "{new} av {pairs} par nya"},
     {"{new} av {pairs} par nytt", "{new} av {pairs} par nye"},
     {"{new} van {pairs} paar nieuw", "{new} van {pairs} paren nieuw"}},
    {"group.overlap",
     {"working hours overlap {hours} h", "working hours overlap {hours} h"},
     {"arbetstiderna överlappar {hours} h", "arbetstiderna överlappar {hours} h"},
     {"arbeidstidene overlapper {hours} t", "arbeidstidene overlapper {hours} t"},
     {"werktijden overlappen {hours} uur", "werktijden overlappen {hours} uur"}},
    {"group.noOverlap",
     {"no shared working hours", "no shared working hours"},
     {"inga gemensamma arbetstimmar", "inga gemensamma arbetstimmar"},
     {"ingen felles arbeidstimer", "ingen felles arbeidstimer"},
     {"geen gedeelde werkuren", "geen gedeelde werkuren"}},
    {"group.language",
     {"everyone speaks {language}", "everyone speaks {language}"},
     {"alla talar {language}", "alla talar {language}"},
     {"alle snakker {language}", "alle snakker {language}"},
     {"iedereen spreekt {language}", "iedereen spreekt {language}"}},
    {"group.noLanguage",
     {"no language shared by all", "no language shared by all"},
     {"inget språk som alla delar", "inget språk som alla delar"},
     {"ikke noe språk som alle deler", "ikke noe språk som alle deler"},
     {"geen taal die iedereen deelt", "geen taal die iedereen deelt"}},
    {"group.locked",
     {"locked by the admin", "locked by the admin"},
     {"låst av administratören", "låst av administratören"},
     {"låst av administratoren", "låst av administratoren"},
     {"vastgezet door de beheerder", "vastgezet door de beheerder"}},
    {"group.keptTogether",
     {"{names} kept together", "{names} kept together"},
     {"{names} hålls ihop", "{names} hålls ihop"},
     {"{names} holdes sammen", "{names} holdes sammen"},
     {"{names} blijven bij elkaar", "{names} blijven bij elkaar"}},
    {"mentor.skills",
     {"{mentor} offers {skills}, which {mentee} wants to learn", "{mentor} offers {skills}, which {mentee} wants to learn"},
     {"{mentor} erbjuder {skills}, som {mentee} vill lära sig", "{mentor} erbjuder {skills}, som {mentee} vill lära sig"},
     {"{mentor} tilbyr {skills}, som {mentee} vil lære", "{mentor} tilbyr {skills}, som {mentee} vil lære"},
     {"{mentor} biedt {skills}, wat {mentee} wil leren", "{mentor} biedt {skills}, wat {mentee} wil leren"}},
    {"mentor.noSkills",
     {"{mentor} offers none of the skills {mentee} wants", "{mentor} offers none of the skills {mentee} wants"},
     {"{mentor} erbjuder inget av det {mentee} vill lära sig", "{mentor} erbjuder inget av det {mentee} vill lära sig"},
     {"{mentor} tilbyr ikke noe av det {mentee} vil lære", "{mentor} tilbyr ikke noe av det {mentee} vil lære"},
     {"{mentor} biedt niets van wat {mentee} wil leren", "{mentor} biedt niets van wat {mentee} wil leren"}},
    {"mentor.outsideLine",
     {"{mentor} is outside {mentee}'s reporting line", "{mentor} is outside {mentee}'s reporting line"},
     {"{mentor} finns inte i rapporteringslinjen för {mentee}", "{mentor} finns inte i rapporteringslinjen för {mentee}"},
     {"{mentor} er utenfor rapporteringslinjen til {mentee}", "{mentor} er utenfor rapporteringslinjen til {mentee}"},
     {"{mentor} valt buiten de rapportagelijn van {mentee}", "{mentor} valt buiten de rapportagelijn van {mentee}"}},
    {"exchange.teaches",
     {"{teacher} teaches {learner} {skills}", "{teacher} teaches {learner} {skills}"},
     {"{teacher} lär {learner} {skills}", "{teacher} lär {learner} {skills}"},
     {"{teacher} lærer {learner} {skills}", "{teacher} lærer {learner} {skills}"},
     {"{teacher} leert {learner} {skills}", "{teacher} leert {learner} {skills}"}},
    {"exchange.noSkills",
     {"no wanted skill offered either way", "no wanted skill offered either way"},
     {"ingen önskad färdighet erbjuds åt något håll", "ingen önskad färdighet erbjuds åt något håll"},
     {"ingen ønsket ferdighet tilbys noen vei", "ingen ønsket ferdighet tilbys noen vei"},
     {"geen gevraagde vaardigheid aangeboden, in geen van beide richtingen",
      "geen gevraagde vaardigheid aangeboden, in geen van beide richtingen"}},
    {"round.groups",
     {"{count} group", "{count} groups"},
     {"{count} grupp", "{count} grupper"},
     {"{count} gruppe", "{count} grupper"},
     {"{count} groep", "{count} groepen"}},
    {"round.pairs",
     {"{count} pair", "{count} pairs"},
     {"{count} par", "{count} par"},
     {"{count} par", "{count} par"},
     {"{count} paar", "{count} paren"}},
    {"round.mixed",
     {"{mixed} of {groups} group mixes departments", "{mixed} of {groups} groups mix departments"},
     {"{mixed} av {groups} grupp blandar avdelningar", "{mixed} av {groups} grupper blandar avdelningar"},
     {"{mixed} av {groups} gruppe blander avdelinger", "{mixed} av {groups} grupper blander avdelinger"},
     {"{mixed} van {groups} groep mengt afdelingen", "{mixed} van {groups} groepen mengen afdelingen"}},
    {"round.unpaired",
     {"{count} without a partner", "{count} without a partner"},
     {"{count} utan partner", "{count} utan partner"},
     {"{count} uten partner", "{count} uten partner"},
     {"{count} zonder partner", "{count} zonder partner"}},
    {"round.stable",
     {"stable: no two learners would both rather have each other", "stable: no two learners would both rather have each other"},
     {"stabil: inga två deltagare föredrar båda varandra", "stabil: inga två deltagare föredrar båda varandra"},
     {"stabil: ingen to deltakere vil begge heller ha hverandre", "stabil: ingen to deltakere vil begge heller ha hverandre"},
     {"stabiel: geen twee deelnemers hebben allebei liever elkaar", "stabiel: geen twee deelnemers hebben allebei liever elkaar"}},
    {"round.unstable",
     {"no stable pairing exists; pairs chosen by skill match, {count} blocking pair",
      "no stable pairing exists; pairs chosen by skill match, {count} blocking pairs"},
     {"ingen stabil parning finns; paren valda efter färdigheter, {count} blockerande par",
      "ingen stabil parning finns; paren valda efter färdigheter, {count} blockerande par"},
     {"ingen stabil paring finnes; parene valgt etter ferdigheter, {count} blokkerende par",
      "ingen stabil paring finnes; parene valgt etter ferdigheter, {count} blokkerende par"},
     {"er bestaat geen stabiele koppeling; paren gekozen op vaardigheden, {count} blokkerend paar",
      "er bestaat geen stabiele koppeling; paren gekozen op vaardigheden, {count} blokkerende paren"}},
    {"report.hardMet",
     {"every hard constraint met", "every hard constraint met"},
     {"alla ovillkorliga regler uppfyllda", "alla ovillkorliga regler uppfyllda"},
     {"alle ufravikelige regler oppfylt", "alle ufravikelige regler oppfylt"},
     {"aan alle harde eisen voldaan", "aan alle harde eisen voldaan"}},
    {"report.noRepeats",
     {"no pair meets twice", "no pair meets twice"},
     {"inget par möts två gånger", "inget par möts två gånger"},
     {"ingen par møtes to ganger", "ingen par møtes to ganger"},
     {"geen paar ontmoet elkaar twee keer", "geen paar ontmoet elkaar twee keer"}},
    {"report.repeats",
     {"{count} repeated meeting", "{count} repeated meetings"},
     {"{count} upprepat möte", "{count} upprepade möten"},
     {"{count} gjentatt møte", "{count} gjentatte møter"},
     {"{count} herhaalde ontmoeting", "{count} herhaalde ontmoetingen"}},
    {"report.lowerBound",
     {"squared repeats {value}, proven lower bound {lowerBound}", "squared repeats {value}, proven lower bound {lowerBound}"},
     {"kvadrerade upprepningar {value}, bevisad undre gräns {lowerBound}",
      "kvadrerade upprepningar {value}, bevisad undre gräns {lowerBound}"},
     {"kvadrerte gjentakelser {value}, bevist nedre grense {lowerBound}",
      "kvadrerte gjentakelser {value}, bevist nedre grense {lowerBound}"},
     {"gekwadrateerde herhalingen {value}, bewezen ondergrens {lowerBound}",
      "gekwadrateerde herhalingen {value}, bewezen ondergrens {lowerBound}"}},
};

/// Names of common languages in each of ours; other codes are shown as they are.
struct LanguageName {
    std::string_view code, en, sv, nb, nl;
};
constexpr LanguageName kLanguages[] = {
    {"en", "English", "engelska", "engelsk", "Engels"},     {"sv", "Swedish", "svenska", "svensk", "Zweeds"},
    {"nb", "Norwegian", "norska", "norsk", "Noors"},        {"no", "Norwegian", "norska", "norsk", "Noors"},
    {"nn", "Norwegian", "norska", "norsk", "Noors"},        {"nl", "Dutch", "nederländska", "nederlandsk", "Nederlands"},
    {"da", "Danish", "danska", "dansk", "Deens"},           {"fi", "Finnish", "finska", "finsk", "Fins"},
    {"de", "German", "tyska", "tysk", "Duits"},             {"fr", "French", "franska", "fransk", "Frans"},
    {"es", "Spanish", "spanska", "spansk", "Spaans"},       {"pl", "Polish", "polska", "polsk", "Pools"},
};

std::string language_name(std::string_view code, std::string_view lang) {
    const std::string_view primary = lang.substr(0, lang.find_first_of("-_"));
    for (const auto& l : kLanguages)
        if (l.code == code) {
            if (primary == "sv") return std::string(l.sv);
            if (primary == "nb" || primary == "no" || primary == "nn") return std::string(l.nb);
            if (primary == "nl") return std::string(l.nl);
            return std::string(l.en);
        }
    return std::string(code);
}

const Entry* find(std::string_view key) {
    for (const auto& e : kCatalog)
        if (e.key == key) return &e;
    return nullptr;
}

const Forms& in(const Entry& e, std::string_view lang) {
    const std::string_view primary = lang.substr(0, lang.find_first_of("-_"));
    if (primary == "sv") return e.sv;
    if (primary == "nb" || primary == "no" || primary == "nn") return e.nb;
    if (primary == "nl") return e.nl;
    return e.en;
}

}  // namespace

std::string render(const Message& message, std::string_view lang) {
    const Entry* e = find(message.key);
    if (!e) return message.key;
    const Forms& f = in(*e, lang);
    const std::string_view text = message.count == 1 ? f.one : f.other;
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '{') {
            const std::size_t close = text.find('}', i);
            if (close != std::string_view::npos) {
                const std::string_view name = text.substr(i + 1, close - i - 1);
                bool found = false;
                for (const auto& [k, v] : message.params)
                    if (k == name) {
                        out += k == "language" ? language_name(v, lang) : v;  // params keep the code
                        found = true;
                        break;
                    }
                if (!found && name == "count") {
                    out += std::to_string(message.count);
                    found = true;
                }
                if (found) {
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

std::string render_all(const std::vector<Message>& messages, std::string_view lang) {
    std::string out;
    for (std::size_t k = 0; k < messages.size(); ++k) out += (k ? "; " : "") + render(messages[k], lang);
    return out;
}

std::vector<std::string_view> message_keys() {
    std::vector<std::string_view> keys;
    for (const auto& e : kCatalog) keys.push_back(e.key);
    return keys;
}

}  // namespace kollega::groups

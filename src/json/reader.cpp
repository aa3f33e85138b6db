#include "json/reader.hpp"

namespace kollega::json::detail {

std::string type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "an unreadable value";
    }
}

/// Escapes one reference token for a JSON Pointer (RFC 6901: ~ → ~0, / → ~1).
std::string escape_token(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string child(const std::string& path, std::string_view key) { return path + "/" + escape_token(key); }
std::string child(const std::string& path, std::size_t index) { return path + "/" + std::to_string(index); }

/// True when arrays/objects nest deeper than `limit` (a linear scan that skips strings).
/// Checked before parsing, so a hostile document is refused before anything is built. (The
/// parser callback could do this too, but nlohmann's callback parser rescans each parent at
/// every closing brace: quadratic in the number of events.)
bool nests_deeper_than(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

/// Parses JSON text, refusing invalid syntax and nesting deeper than kMaxDepth.
Result<json> parse_text(std::string_view text, const std::string& where) {
    if (nests_deeper_than(text, kMaxDepth))
        return Error{"too_deep", "nesting deeper than " + std::to_string(kMaxDepth) + " levels", where};
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 5: …"
        std::string msg = e.what();
        const auto pos = msg.find("] ");
        if (pos != std::string::npos) msg = msg.substr(pos + 2);
        return Error{"invalid_json", msg, where};
    } catch (const json::exception& e) {
        // Syntax that parses but cannot be held, e.g. a number out of range (1e999).
        std::string msg = e.what();
        const auto pos = msg.find("] ");
        if (pos != std::string::npos) msg = msg.substr(pos + 2);
        return Error{"invalid_json", msg, where};
    }
}

bool is_language_tag(std::string_view s) {
    if (s.size() < 2 || s.size() > 35) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

/// An integer value, also when written as a number with no fraction (5.0), as JSON Schema does.
std::optional<long long> as_integer(const json& j) {
    if (j.is_number_integer()) return j.get<long long>();
    if (j.is_number_float()) {
        const double d = j.get<double>();
        if (d == static_cast<double>(static_cast<long long>(d)) && d > -9e15 && d < 9e15) return static_cast<long long>(d);
    }
    return std::nullopt;
}


/// Serialises compactly; text that is not valid UTF-8 is replaced (U+FFFD), never a throw.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// ObjectReader

ObjectReader::ObjectReader(const json& j, std::string path, Errors& errors)
    : j_(j), path_(std::move(path)), errors_(errors), ok_(j.is_object()) {
    if (!ok_) errors_.push_back(Error::type_error(path_, "an object", type_name(j)));
}

const json* ObjectReader::member(std::string_view key, bool required) {
    known_.emplace_back(key);
    if (!ok_) return nullptr;
    auto it = j_.find(key);
    if (it == j_.end()) {
        if (required) errors_.push_back(Error::missing_field(path_, key));
        return nullptr;
    }
    return &*it;
}

bool ObjectReader::string(std::string_view key, std::string& out, bool required) {
    const json* m = member(key, required);
    if (!m) return false;
    if (!m->is_string()) {
        errors_.push_back(Error::type_error(at(key), "a string", type_name(*m)));
        return false;
    }
    out = m->get<std::string>();
    return true;
}

bool ObjectReader::id(std::string_view key, std::string& out, bool required) {
    if (!string(key, out, required)) return false;
    if (out.empty()) {
        errors_.push_back(Error::invalid_value(at(key), "expected a non-empty id, found \"\""));
        return false;
    }
    return true;
}

bool ObjectReader::integer(std::string_view key, int& out, bool required, long long lo, long long hi) {
    const json* m = member(key, required);
    if (!m) return false;
    auto v = as_integer(*m);
    if (!v) {
        errors_.push_back(Error::type_error(at(key), "an integer", type_name(*m)));
        return false;
    }
    if (*v < lo || *v > hi) {
        errors_.push_back(Error::invalid_value(at(key), "expected an integer " + range(lo, hi) + ", found " + std::to_string(*v)));
        return false;
    }
    out = static_cast<int>(*v);
    return true;
}

bool ObjectReader::number(std::string_view key, double& out, bool required, double lo, double hi, bool lo_open) {
    const json* m = member(key, required);
    if (!m) return false;
    if (!m->is_number()) {
        errors_.push_back(Error::type_error(at(key), "a number", type_name(*m)));
        return false;
    }
    const double v = m->get<double>();
    if ((lo_open ? v <= lo : v < lo) || v > hi) {
        std::string want = lo_open ? "greater than " + short_number(lo) : "from " + short_number(lo);
        want += hi < 1e300 ? (lo_open ? " and at most " : " to ") + short_number(hi) : "";
        errors_.push_back(Error::invalid_value(at(key), "expected a number " + want + ", found " + short_number(v)));
        return false;
    }
    out = v;
    return true;
}

bool ObjectReader::boolean(std::string_view key, bool& out) {
    const json* m = member(key, false);
    if (!m) return false;
    if (!m->is_boolean()) {
        errors_.push_back(Error::type_error(at(key), "true or false", type_name(*m)));
        return false;
    }
    out = m->get<bool>();
    return true;
}

const json* ObjectReader::array(std::string_view key, bool required, std::size_t min_items, std::string_view what) {
    const json* m = member(key, required);
    if (!m) return nullptr;
    if (!m->is_array()) {
        errors_.push_back(Error::type_error(at(key), "an array of " + std::string(what), type_name(*m)));
        return nullptr;
    }
    if (m->size() < min_items)
        errors_.push_back(Error::invalid_value(at(key), "expected at least " + std::to_string(min_items) + " " +
                                                            std::string(what) + ", found " + std::to_string(m->size())));
    return m;
}

bool ObjectReader::text(std::string_view key, LocalizedText& out, bool required) {
    const json* m = member(key, required);
    if (!m) return false;
    return read_text(*m, at(key), out, errors_);
}

void ObjectReader::texts(std::string_view key, std::vector<LocalizedText>& out, bool required, std::size_t min_items) {
    const json* arr = array(key, required, min_items, "texts");
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        LocalizedText t;
        read_text((*arr)[i], child(at(key), i), t, errors_);
        out.push_back(std::move(t));
    }
}

void ObjectReader::ids(std::string_view key, std::vector<std::string>& out, std::string_view what) {
    const json* arr = array(key, false, 0, what);
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const json& v = (*arr)[i];
        std::string id;
        if (!v.is_string()) errors_.push_back(Error::type_error(child(at(key), i), "a string", type_name(v)));
        else if ((id = v.get<std::string>()).empty())
            errors_.push_back(Error::invalid_value(child(at(key), i), "expected a non-empty id, found \"\""));
        out.push_back(std::move(id));
    }
}

void ObjectReader::finish() {
    if (!ok_ || finished_) return;
    finished_ = true;
    for (const auto& [key, value] : j_.items())
        if (std::find(known_.begin(), known_.end(), key) == known_.end())
            errors_.push_back(Error::unknown_field(child(path_, key), key));
}

bool ObjectReader::read_text(const json& j, const std::string& path, LocalizedText& out, Errors& errors) {
    if (!j.is_object()) {
        errors.push_back(Error::type_error(path, "an object of texts by language, e.g. {\"en\": \"…\"}", type_name(j)));
        return false;
    }
    const std::size_t before = errors.size();
    for (const auto& [lang, text] : j.items()) {
        if (!is_language_tag(lang)) {
            errors.push_back(Error::invalid_value(child(path, lang), "expected a language tag such as \"en\" or \"sv\", found \"" + lang + "\""));
        } else if (!text.is_string()) {
            errors.push_back(Error::type_error(child(path, lang), "a string", type_name(text)));
        } else if (text.get_ref<const std::string&>().empty()) {
            errors.push_back(Error::invalid_value(child(path, lang), "expected a text, found an empty string"));
        } else {
            out.by_language.emplace_back(lang, text.get<std::string>());
        }
    }
    if (j.empty()) errors.push_back(Error::invalid_value(path, "expected at least one language, found none"));
    return errors.size() == before;
}

std::string ObjectReader::range(long long lo, long long hi) {
    if (hi >= (1LL << 40)) return "of at least " + std::to_string(lo);
    return "from " + std::to_string(lo) + " to " + std::to_string(hi);
}

std::string ObjectReader::short_number(double v) {
    std::string s = json(v).dump();
    return s;
}

}  // namespace kollega::json::detail

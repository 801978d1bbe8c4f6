// The outcome of the rule tests as JUnit XML, for CI systems: one <testsuite> per bundle, one
// <testcase> per case, a <failure> with every difference of a failed case (docs/testing.md).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "onething/testing.hpp"

namespace onething {
namespace {

/// U+FFFD, the replacement character, in UTF-8.
constexpr std::string_view replacement = "\xEF\xBF\xBD";

/// The length of the valid UTF-8 sequence at `at` and its code point, or 0 when the bytes
/// there are not UTF-8 (overlong forms and surrogates included).
std::size_t decode(std::string_view text, std::size_t at, std::uint32_t& code) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    std::uint32_t minimum = 0;
    if (lead < 0x80) {
        code = lead;
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2, code = lead & 0x1Fu, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, code = lead & 0x0Fu, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, code = lead & 0x07u, minimum = 0x10000;
    } else {
        return 0;
    }
    if (at + length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            return 0;
        }
        code = (code << 6) | (byte(i) & 0x3Fu);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return 0;
    }
    return length;
}

/// True for the characters XML 1.0 allows in a document (section 2.2, "Char").
bool xml_char(std::uint32_t code) {
    return code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
           (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF);
}

/// `text` as XML character data, or as an attribute value when `attribute`: markup characters
/// escaped, tab, newline and carriage return as references inside attributes (so that they
/// survive attribute normalisation), every character XML cannot carry (control characters,
/// U+FFFE, U+FFFF) and every byte that is not UTF-8 replaced by U+FFFD.
std::string escaped(std::string_view text, bool attribute) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        std::uint32_t code = 0;
        const std::size_t length = decode(text, at, code);
        if (length == 0 || !xml_char(code)) {
            out += replacement;
            at += length == 0 ? 1 : length;
            continue;
        }
        switch (code) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += attribute ? "&quot;" : "\"";
                break;
            case '\'':
                out += attribute ? "&apos;" : "'";
                break;
            case '\t':
                out += attribute ? "&#9;" : "\t";
                break;
            case '\n':
                out += attribute ? "&#10;" : "\n";
                break;
            case '\r':
                out += "&#13;";  // a raw CR would be read back as a newline
                break;
            default:
                out.append(text.substr(at, length));
        }
        at += length;
    }
    return out;
}

/// ` name="value"`, escaped.
std::string attribute(std::string_view name, std::string_view value) {
    return " " + std::string(name) + "=\"" + escaped(value, true) + "\"";
}

/// ` name="N"`.
std::string attribute(std::string_view name, std::size_t value) {
    return attribute(name, std::to_string(value));
}

/// The <testcase> of one case, with its <failure> when it failed.
std::string testcase_xml(const TestReport& report, const TestCaseResult& test) {
    std::string out = "    <testcase" + attribute("name", test.name) +
                      attribute("classname", test.bundle) +
                      attribute("file", test.location.file.str()) +
                      attribute("line", std::to_string(test.location.line));
    if (test.failure_count == 0) {
        return out + "/>\n";
    }
    // The message: where the case is written and every difference; the body: each difference
    // as `onething test` prints it, at the expectation that differs.
    std::string message =
        test.location.file.str() + ":" + std::to_string(test.location.line) + ": ";
    std::string body;
    for (std::size_t k = 0; k < test.failure_count; ++k) {
        const TestFailure& failure = report.failures[test.first_failure + k];
        message += (k == 0 ? "" : "; ") + failure.message;
        body += format_test_failure(failure) + "\n";
    }
    out += ">\n      <failure" + attribute("message", message) +
           attribute("type", std::string("difference")) + ">" + escaped(body, false) +
           "</failure>\n    </testcase>\n";
    return out;
}

}  // namespace

std::string test_report_to_junit(const TestReport& report) {
    // The cases of each bundle, bundles by id, cases in file order.
    std::map<std::string, std::vector<const TestCaseResult*>> suites;
    for (const TestCaseResult& test : report.cases) {
        suites[test.bundle].push_back(&test);
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites" + attribute("name", std::string("onething test")) +
           attribute("tests", report.cases.size()) + attribute("failures", report.failed) +
           attribute("errors", std::size_t{0}) + ">\n";
    for (const auto& [bundle, cases] : suites) {
        std::size_t failures = 0;
        std::string body;
        for (const TestCaseResult* test : cases) {
            failures += test->failure_count == 0 ? 0 : 1;
            body += testcase_xml(report, *test);
        }
        out += "  <testsuite" + attribute("name", bundle) + attribute("tests", cases.size()) +
               attribute("failures", failures) + attribute("errors", std::size_t{0}) +
               attribute("skipped", std::size_t{0}) + ">\n" + body + "  </testsuite>\n";
    }
    out += "</testsuites>\n";
    return out;
}

}  // namespace onething

// Escaping text for markup, one function for every writer of HTML, SVG and XML: the pages and
// figures, and the rule tests' JUnit XML.
#pragma once

#include <string>
#include <string_view>

namespace onething::detail {

/// Where escaped text goes, which decides what `xml_escape` writes as references.
enum class Escaping {
    /// HTML or SVG text or attribute values (the pages and figures): `&`, `<`, `>`, `"` and `'`
    /// as `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`, every other byte as it is.
    html,
    /// XML 1.0 character data: `&`, `<` and `>` as references, carriage return as `&#13;` (a raw
    /// one would be read back as a newline), and every character XML cannot carry (control
    /// characters, U+FFFE, U+FFFF) and every byte that is not UTF-8 as U+FFFD.
    xml_text,
    /// An XML 1.0 attribute value: as `xml_text`, and `"`, `'`, tab and newline as `&quot;`,
    /// `&apos;`, `&#9;` and `&#10;` (so that they survive attribute normalisation).
    xml_attribute,
};

/// `text` escaped for where it goes (see `Escaping`).
std::string xml_escape(std::string_view text, Escaping escaping = Escaping::html);

}  // namespace onething::detail

// The language a request names, as the catalog writes it, and the warning for a language none
// of a catalog's texts is written in: the command line's on standard error, the service's in an
// X-Onething-Warning field.
#pragma once

#include <optional>
#include <string>

#include "onething/catalog.hpp"

namespace onething::detail {

/// `lang` as the catalog writes it: language tags are compared without regard to case (BCP 47,
/// RFC 5646 2.1.1), so `ZH` or `zh-hant` is the catalog's `zh` or `zh-Hant`; a tag the catalog
/// does not have is "zh" or "en" (the languages of onething) in lower case, else `lang`.
std::string catalog_language(const Catalog& catalog, const std::string& lang);

/// A warning for a language the catalog's texts are not written in (`--lang fr`, or `en` on a
/// catalog written in Chinese only), starting "warning: ": names fall back to another language.
/// Nothing for a language the catalog has, or a catalog whose texts carry no language tags.
std::optional<std::string> language_note(const Catalog& catalog, const std::string& lang);

}  // namespace onething::detail

// The frame of the self-contained HTML pages (a plan, the catalog report): the head with its
// inline style, and the CSS rules the pages share.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace onething::detail {

/// The body of every page: colours, the CJK-first font stack, line height.
inline constexpr std::string_view body_css =
    "body { margin: 0; color: #1f2933; background: #ffffff;\n"
    "  font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC',\n"
    "  'Microsoft YaHei', system-ui, sans-serif; line-height: 1.5; }";

/// A section's heading, ruled below.
inline constexpr std::string_view section_heading_css =
    "h2 { font-size: 1.2rem; margin: 28px 0 8px; border-bottom: 1px solid #d9e2ec; "
    "padding-bottom: 4px; }";

/// Ids and other code in the text.
inline constexpr std::string_view code_css =
    "code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 0.9em; "
    "color: #52606d; }";

/// A page up to and including `<main>`: the doctype, `lang` for `language`, `title` (escaped)
/// and one <style> with `rules` (one CSS rule each, a line apart) and then the figures' CSS.
std::string html_page_start(std::string_view language, std::string_view title,
                            std::span<const std::string_view> rules);

}  // namespace onething::detail

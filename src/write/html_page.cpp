// The frame of the self-contained HTML pages.
#include "write/html_page.hpp"

#include "write/plan_svg.hpp"
#include "write/wording.hpp"
#include "write/xml_escape.hpp"

namespace onething::detail {

std::string html_page_start(std::string_view language, std::string_view title,
                            std::span<const std::string_view> rules) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"";
    out += chinese(language) ? "zh-CN" : "en";
    out +=
        "\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    out += xml_escape(title);
    out += "</title>\n<style>\n";
    for (std::string_view rule : rules) {
        out += rule;
        out += '\n';
    }
    out += figure_css();
    out += "</style>\n</head>\n<body>\n<main>\n";
    return out;
}

}  // namespace onething::detail

// Compiling every `when` against the facts, with errors located inside the expression.
#include "condition/compile_budgeted.hpp"
#include "load/check_context.hpp"
#include "text/utf8.hpp"

namespace onething::detail {
namespace {

/// The location of byte `offset` of the expression written at `site`.
Location locate(const ConditionSite& site, std::size_t offset) {
    Location where = site.start;
    if (site.exact) {
        where.column +=
            static_cast<int>(count_code_points(std::string_view(site.text).substr(0, offset)));
    } else if (site.positions && offset < site.positions->size()) {
        where.line = static_cast<int>((*site.positions)[offset].line);
        where.column = static_cast<int>((*site.positions)[offset].column);
    }
    return where;
}

/// The fact id written at byte `offset` of an expression (id characters from there).
std::string fact_id_at(std::string_view text, std::size_t offset) {
    std::string id;
    for (std::size_t i = offset; i < text.size(); ++i) {
        const char c = text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == '-')) {
            break;
        }
        id += c;
    }
    return id;
}

/// Compiles one site, reporting its errors; the always-true condition on failure.
Condition compile_site(CheckContext& context, const ConditionSite& site) {
    CompiledCondition compiled = compile_condition(site.text, context.state.facts,
                                                   context.state.limits, context.suggestions);
    for (const ConditionError& problem : compiled.errors) {
        if (problem.code == "unknown-fact" &&
            context.state.unreadable_definitions.contains("fact " +
                                                          fact_id_at(site.text, problem.offset))) {
            continue;  // defined, but not as a mapping: that error stands for this one
        }
        if (context.dated && problem.code == "unknown-fact") {
            // The fact named at the offset may exist in another version of a dated catalog.
            const std::string id = fact_id_at(site.text, problem.offset);
            if (context.dated->dated->contains("fact " + id)) {
                if (!context.refused_in_effect("fact", id)) {
                    context.error(locate(site, problem.offset), "not-in-effect",
                                  context.dated->not_in_effect("the condition", "fact", id));
                }
                continue;
            }
        }
        context.error(locate(site, problem.offset), problem.code,
                      problem.code == "unknown-fact"
                          ? problem.message + context.unparsed_files_note()
                          : problem.message);
    }
    return compiled.condition ? *compiled.condition : Condition();
}

}  // namespace

void check_conditions(CheckContext& context, std::vector<Condition>& item_conditions,
                      std::vector<Condition>& bundle_conditions) {
    item_conditions.assign(context.state.items.size(), Condition());
    bundle_conditions.assign(context.state.bundles.size(), Condition());
    for (std::size_t i = 0; i < context.state.items.size(); ++i) {
        PendingItem& pending = context.state.items[i];
        if (const auto& site = pending.when) {
            item_conditions[i] = compile_site(context, *site);
        }
        for (const NeedConditionSite& need : pending.need_when) {
            Condition condition = compile_site(context, need.site);
            Item& item = pending.item;
            switch (need.kind) {
                case NeedConditionSite::Kind::item:
                    item.needs_items[need.need].when = std::move(condition);
                    break;
                case NeedConditionSite::Kind::material:
                    item.needs_materials[need.need].when = std::move(condition);
                    break;
                case NeedConditionSite::Kind::alternative: {
                    MaterialNeed& material = item.needs_materials[need.need];
                    material.alternative_when.resize(material.alternatives.size());
                    material.alternative_when[need.alternative] = std::move(condition);
                    break;
                }
                case NeedConditionSite::Kind::field:
                    item.needs_fields[need.need].when = std::move(condition);
                    break;
            }
        }
    }
    for (std::size_t i = 0; i < context.state.bundles.size(); ++i) {
        if (const auto& site = context.state.bundles[i].when) {
            bundle_conditions[i] = compile_site(context, *site);
        }
    }
}

}  // namespace onething::detail

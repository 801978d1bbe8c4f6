// In-place edits of a private catalog copy, each keeping the derived index in step.
#include "model/catalog_edit.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "model/catalog_data.hpp"
#include "model/provision_rule.hpp"

namespace onething::detail {

Catalog copy_of(const Catalog& catalog) {
    return Catalog({catalog.facts().begin(), catalog.facts().end()},
                   {catalog.fields().begin(), catalog.fields().end()},
                   {catalog.materials().begin(), catalog.materials().end()},
                   {catalog.items().begin(), catalog.items().end()},
                   {catalog.bundles().begin(), catalog.bundles().end()},
                   {catalog.tests().begin(), catalog.tests().end()});
}

CatalogEditor::CatalogEditor(const Catalog& catalog) : catalog_(copy_of(catalog)) {}

void CatalogEditor::set_e_license(Index material, bool e_license) {
    Catalog::Data& data = *catalog_.data_;
    Material& changed = data.materials.at(material);
    changed.e_license = e_license;
    data.index->needs_producer[material] = provider_bits(changed);  // as build_index sets it
}

void CatalogEditor::set_source(Index field, FieldSource source) {
    catalog_.data_->fields.at(field).source = source;  // the index holds nothing of it
}

void CatalogEditor::set_attendance(Index item, bool in_person, int visits,
                                   std::vector<Channel> channels) {
    Catalog::Data& data = *catalog_.data_;
    Item& changed = data.items.at(item);
    changed.in_person = in_person;
    changed.visits = visits;
    changed.channels = std::move(channels);
    // An item that makes visits has its venue's position (build_index's `visited`).
    CatalogIndex& index = *data.index;
    if (!changed.makes_visits()) {
        index.items[item].venue = -1;  // a venue no item uses any more counts no visit
        return;
    }
    std::vector<std::string>& venues = index.venues;
    const auto at = std::lower_bound(venues.begin(), venues.end(), changed.venue);
    const auto position = static_cast<std::int32_t>(at - venues.begin());
    if (at == venues.end() || *at != changed.venue) {
        // A venue new to the index: the positions after it move up by one.
        venues.insert(at, changed.venue);
        for (ItemLinks& links : index.items) {
            if (links.venue >= position) {
                ++links.venue;
            }
        }
    }
    index.items[item].venue = position;
}

void CatalogEditor::set_bundled_duration(Index item, std::optional<double> days) {
    catalog_.data_->items.at(item).bundled_duration_days = days;  // the index holds nothing of it
}

}  // namespace onething::detail

// The catalog's private data: its sections, languages and index (the model's own header, read by
// the catalog and by its in-place editor).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/catalog_index.hpp"
#include "onething/catalog.hpp"

namespace onething {

/// What a catalog holds; shared by the catalog and, when dated, the version it is.
struct Catalog::Data {
    std::vector<Fact> facts;
    std::vector<Field> fields;
    std::vector<Material> materials;
    std::vector<Item> items;
    std::vector<Bundle> bundles;
    std::vector<TestCase> tests;
    std::vector<std::string> languages;  ///< every language tag of the texts, sorted
    std::unique_ptr<detail::CatalogIndex> index;
};

}  // namespace onething

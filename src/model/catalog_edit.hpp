// In-place edits of a private copy of a catalog: what-if plans each candidate change in one copy,
// changed and changed back, instead of copying the catalog for every change.
#pragma once

#include <optional>
#include <vector>

#include "model/catalog_index.hpp"
#include "onething/catalog.hpp"

namespace onething::detail {

/// A catalog built anew from `catalog`'s definitions (the version it is) and its test cases.
Catalog copy_of(const Catalog& catalog);

/// A private copy of a catalog whose attributes that no reference depends on can be changed in
/// place, its private index kept in step: planning the copy gives what planning a catalog built
/// from the changed definitions gives. (The index may keep a venue no item visits any more: it
/// counts no visit, so plans are the same, but its list of venues may be longer than a rebuilt
/// one's.) Ids, references and texts never change. Not for sharing: no thread may plan the copy
/// while it is being changed.
class CatalogEditor {
  public:
    /// A copy of `catalog`'s definitions (the version it is) and of its test cases.
    explicit CatalogEditor(const Catalog& catalog);

    /// The copy, as changed so far; valid as long as this editor.
    const Catalog& catalog() const { return catalog_; }

    /// Makes the material at `material` an e-licence or not.
    void set_e_license(Index material, bool e_license);
    /// Sets where the field at `field` comes from.
    void set_source(Index field, FieldSource source);
    /// Sets how the item at `item` is done: in person or not, its visits and its channels.
    void set_attendance(Index item, bool in_person, int visits, std::vector<Channel> channels);
    /// Sets the bundled duration of the item at `item` (nullopt: its own duration).
    void set_bundled_duration(Index item, std::optional<double> days);

  private:
    Catalog catalog_;
};

}  // namespace onething::detail

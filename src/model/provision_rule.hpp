// The provider rule for a need that nothing in the plan produces (rule-format.md, "Meaning: from
// bundle to plan", step 2, and version 1.1, "Automatic items"): read by the catalog index (which
// needs only a producer can meet) and by the planner's provider rules (plan/provision.hpp).
#pragma once

#include <cstdint>
#include <optional>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"

namespace onething::detail {

/// How a needed material reaches a consumer when no selected item other than the consumer
/// produces it: an e-licence is retrieved, else a submittable material is submitted, unless the
/// consumer is automatic (it asks the applicant for nothing); nullopt when only a producer can
/// provide it.
inline std::optional<Provision> unproduced_provision(const Material& material,
                                                     bool automatic_consumer) {
    if (material.e_license) {
        return Provision::e_license;
    }
    if (material.submittable && !automatic_consumer) {
        return Provision::submitted;
    }
    return std::nullopt;
}

/// How a needed material reaches `consumer` when nothing else produces it (see above).
inline std::optional<Provision> unproduced_provision(const Material& material,
                                                     const Item& consumer) {
    return unproduced_provision(material, consumer.automatic);
}

/// True when `material`, needed by a consumer that is automatic or not, can only come from a
/// producing item.
inline bool needs_producer(const Material& material, bool automatic_consumer) {
    return !unproduced_provision(material, automatic_consumer);
}

/// The catalog index's provider bits of `material` (CatalogIndex::needs_producer): bit 0 when
/// only a producer can provide it to an ordinary consumer, bit 1 when to an automatic one.
inline std::uint8_t provider_bits(const Material& material) {
    return static_cast<std::uint8_t>((needs_producer(material, false) ? 1 : 0) |
                                     (needs_producer(material, true) ? 2 : 0));
}

/// How a needed field reaches `consumer` when no selected item other than it produces it:
/// prefilled from shared data, else asked on the form; nullopt for an automatic consumer,
/// which asks nothing (the plan fails `no-provider`).
inline std::optional<Provision> unproduced_provision(const Field& field, const Item& consumer) {
    if (field.source == FieldSource::shared) {
        return Provision::shared;
    }
    if (consumer.automatic) {
        return std::nullopt;
    }
    return Provision::asked;
}

}  // namespace onething::detail

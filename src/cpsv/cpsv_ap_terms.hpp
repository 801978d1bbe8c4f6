// The IRIs of the CPSV-AP document's nodes: `urn:onething:<kind>:<id>`, nothing on the network.
#pragma once

#include <string>

namespace onething::cpsv_iri {

/// An item's `cpsv:PublicService`.
inline const std::string item = "urn:onething:item:";
/// An item type (`dct:type` of a service).
inline const std::string item_type = "urn:onething:item-type:";
/// A department's or payee's `cv:PublicOrganisation`.
inline const std::string organisation = "urn:onething:organisation:";
/// A material's `cv:Evidence` / `cv:Output`.
inline const std::string material = "urn:onething:material:";
/// A channel's `cv:Channel`.
inline const std::string channel = "urn:onething:channel:";
/// An item's `cv:Cost` (paid to its payee).
inline const std::string cost = "urn:onething:cost:";
/// A bundle's `cv:LifeEvent`.
inline const std::string bundle = "urn:onething:bundle:";

}  // namespace onething::cpsv_iri

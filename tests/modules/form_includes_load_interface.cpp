// Compiles as part of src/form/: node_reader.hpp is src/load/'s interface.
#include "load/node_reader.hpp"

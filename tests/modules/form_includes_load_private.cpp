// Must not compile as part of src/form/: load_state.hpp is private to src/load/.
#include "load/load_state.hpp"

// The onething C++ API in one include: every public header. Needs only the standard library.
#pragma once

#include "onething/catalog.hpp"
#include "onething/condition.hpp"
#include "onething/diagnostic.hpp"
#include "onething/error.hpp"
#include "onething/form.hpp"
#include "onething/input.hpp"
#include "onething/limits.hpp"
#include "onething/load.hpp"
#include "onething/onething.h"
#include "onething/plan.hpp"
#include "onething/report.hpp"
#include "onething/testing.hpp"
#include "onething/text.hpp"
#include "onething/value.hpp"
#include "onething/version.hpp"
#include "onething/write.hpp"

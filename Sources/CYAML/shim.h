#ifndef HORIZON_CYAML_SHIM_H
#define HORIZON_CYAML_SHIM_H
#include <yaml.h>
#endif

// zlib (Debian's zlib1g-dev), for inflating the parts of a workbook with bounds Horizon sets.
#include <zlib.h>

// Includes QCustomPlot. qcustomplot.h uses Qt's keyword macros (signals, slots, foreach), which the ui target
// disables (QT_NO_KEYWORDS); they are mapped to their Q_ forms for this header only. Include it from .cpp
// files only.
#pragma once

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef foreach

// Helpers shared by the label files (labels.cpp: label rasters, points.cpp: points and random negatives); private
// to core: include it from those .cpp files only.
#pragma once

#include "labels.h"
#include "raster.h"

#include <cstddef>
#include <sstream>
#include <string>

namespace lodestone {

inline std::string number(double v)
{
    std::ostringstream s;
    s.precision(10);
    s << v;
    return s.str();
}

inline std::string plural(std::size_t n, const std::string &one, const std::string &many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

inline std::string surveyName(const Raster &survey)
{
    return survey.path.empty() ? std::string("the survey") : "the survey " + survey.path;
}

} // namespace lodestone
